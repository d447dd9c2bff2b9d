using System.CommandLine;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;

namespace Regions.Silo.Commands;

/// <summary><c>regions submit</c>: store a counting job for the cluster; the job id is the last line of stdout.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var server = JobBackend.Server();
        var token = JobBackend.Token();
        var model = new Option<string>("--model") { Description = "Network file (pwl-network/1 JSON).", Required = true };
        var box = new Option<string?>("--box") { Description = "Domain LO:HI[,LO:HI...] (default: the model's meta.domain)." };
        var method = new Option<string>("--method") { Description = "sample (lower bound) or exact.", DefaultValueFactory = _ => "sample" };
        method.AcceptOnlyFromAmong("sample", "exact");
        var points = new Option<long>("--points") { Description = "Sample points in total.", DefaultValueFactory = _ => 1_000_000 };
        var cells = new Option<int>("--cells") { Description = "Cells (units of work) the domain is split into.", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sample points.", DefaultValueFactory = _ => 0UL };
        var sampler = new Option<string>("--sampler") { Description = "random or lattice.", DefaultValueFactory = _ => "random" };
        sampler.AcceptOnlyFromAmong("random", "lattice");
        var definition = new Option<string>("--definition") { Description = "activation (default) or linear regions (linear needs --method exact).", DefaultValueFactory = _ => "activation" };
        definition.AcceptOnlyFromAmong("activation", "linear");
        var budget = CommonOptions.Budget();
        var command = new Command("submit", "Submit a counting job to the cluster; prints the job id.");
        foreach (var option in new Option[] { db, server, token, model, box, method, points, cells, seed, sampler, definition, budget }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = CommonOptions.Limits(parse, budget);
            var network = NetworkReader.Load(parse.GetValue(model)!, limits);
            var domain = CommonOptions.ResolveBox(parse.GetValue(box), network);
            var countMethod = parse.GetValue(method) == "exact" ? CountMethod.Exact : CountMethod.Sample;
            var job = new CountJob(network, domain, countMethod, parse.GetValue(points), parse.GetValue(cells), parse.GetValue(seed),
                parse.GetValue(sampler) == "lattice" ? SamplerKind.Lattice : SamplerKind.Random)
            {
                Definition = parse.GetValue(definition) == "linear" ? RegionDefinition.Linear : RegionDefinition.Activation,
                Limits = limits,
            }.Validated();
            using var backend = JobBackend.Open(parse, db, server, token);
            var status = backend.Submit(job);
            parse.InvocationConfiguration.Error.WriteLine($"submitted job {status.Id}: {network.Describe()} in {domain}, {job.Cells} cells, {(job.Method == CountMethod.Exact ? "exact" : $"{job.Points} points")}");
            parse.InvocationConfiguration.Output.WriteLine(status.Id);
            return Cli.Ok;
        });
        return command;
    }
}
