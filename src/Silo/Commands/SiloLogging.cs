using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Regions.Silo.Commands;

/// <summary>
/// What a silo prints: our grains' events, and Orleans itself only when something is wrong, one line each
/// (an exception as its type and message; REGIONS_DEBUG=1 adds the stack trace).
/// </summary>
internal static class SiloLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = OneLine.Name).AddConsoleFormatter<OneLine, ConsoleFormatterOptions>();
        logging.AddFilter("Orleans", LogLevel.Error);
        // Publishing client routes to a silo that just died fails until membership declares it dead: expected, not news.
        logging.AddFilter("Orleans.Runtime.GrainDirectory.ClientDirectory", LogLevel.Critical);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        logging.AddFilter("Regions", LogLevel.Information);
    }

    private sealed class OneLine() : ConsoleFormatter(Name)
    {
        public new const string Name = "regions";

        private static readonly bool Traces = Environment.GetEnvironmentVariable("REGIONS_DEBUG") == "1";

        public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, TextWriter output)
        {
            var message = entry.Formatter(entry.State, entry.Exception);
            var category = entry.Category[(entry.Category.LastIndexOf('.') + 1)..];
            output.Write($"{DateTime.Now:HH:mm:ss} {Level(entry.LogLevel)} {category}: {message}");
            if (entry.Exception is { } e) output.Write(Traces ? $" {e}" : $" ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
            output.WriteLine();
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            _ => "dbug",
        };
    }
}
