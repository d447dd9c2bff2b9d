using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.CommandLine;

/// <summary>What a new user reads: usage errors point at the verb's own help, and help states each default once.</summary>
public class HelpTests
{
    [Theory]
    [InlineData("count", "--bogus")]
    [InlineData("construct", "maxout")]
    [InlineData("map", "--size")]
    public void A_usage_error_points_at_the_verbs_help(string verb, string argument)
    {
        var (code, _, stderr) = Run(verb, argument);
        Assert.Equal(2, code);
        Assert.EndsWith($"Try 'regions {verb} --help'.", stderr.TrimEnd());
    }

    [Fact]
    public void A_usage_error_without_a_verb_points_at_the_general_help()
    {
        var (code, _, stderr) = Run("nonesuch");
        Assert.Equal(2, code);
        Assert.EndsWith("Try 'regions --help'.", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("count")]
    [InlineData("demo")]
    [InlineData("silo")]
    [InlineData("serve")]
    public void The_threads_option_states_its_default_once(string verb)
    {
        var (code, stdout, _) = Run(verb, "--help");
        Assert.Equal(0, code);
        var line = stdout.Split('\n').Single(l => l.TrimStart().StartsWith("--threads"));
        Assert.Contains("(default: all cores).", line);
        Assert.DoesNotContain("[default:", line);
    }

    // The CLI builds only the verb named first (start-up time): every verb of the full root must parse when named.
    [Fact]
    public void Every_verb_of_the_general_help_answers_its_own_help()
    {
        foreach (var verb in Regions.Silo.Cli.BuildRoot().Subcommands.Select(c => c.Name))
        {
            var (code, stdout, stderr) = Run(verb, "--help");
            Assert.True(code == 0, $"{verb}: {stderr}");
            Assert.Contains($" {verb} ", stdout);
        }
    }

    [Fact]
    public void Threads_below_one_are_refused()
    {
        var (code, _, stderr) = Run("demo", "--threads", "0");
        Assert.Equal(2, code);
        Assert.Contains("--threads must be at least 1, got 0", stderr);
    }
}
