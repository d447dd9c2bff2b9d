return Regions.Silo.Cli.Run(args);
