using System.Net;
using System.Net.Sockets;
using Sweeps.Cli.Tests.Support;

namespace Sweeps.Cli.Tests;

/// <summary>The operational errors that used to print stack traces: each is now one line on stderr that
/// names the thing, with its documented exit code and no "   at " frames.</summary>
public sealed class ErrorMessageTests(ErrorMessageTests.RanStore ran) : IClassFixture<ErrorMessageTests.RanStore>
{
    /// <summary>One folder for all cases: a store with a finished noop sweep, a garbage file beside it.</summary>
    public sealed class RanStore : IAsyncLifetime
    {
        public SweepFolder Folder { get; } = new();

        public async Task InitializeAsync()
        {
            var file = Folder.WriteNoopSweep("errors", seeds: 1, sleepMs: 0);
            var run = await CliProcess.RunAsync(Folder.Path, "run", file);
            Assert.True(run.Code == 0, run.Error);
            await File.WriteAllTextAsync(Path.Combine(Folder.Path, "garbage.db"), "this is not a database, just text that is long enough to have a header page");
        }

        public Task DisposeAsync()
        {
            Folder.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string, string[], int, string> Cases => new()
    {
        { "missing store", ["status", "--store", "nowhere/sweeps.db"], ExitCodes.StoreUnusable, "no store at nowhere/sweeps.db" },
        { "garbage store", ["status", "--store", "garbage.db"], ExitCodes.StoreUnusable, "garbage.db is not a Sweeps store" },
        { "directory store", ["status", "--store", "data"], ExitCodes.StoreUnusable, "store data is a directory" },
        // sysfs refuses new files even to root, so this holds whoever runs the tests.
        { "read-only place", ["run", "sweep.yaml", "--store", "/sys/sweeps.db"], ExitCodes.StoreUnusable, "/sys/sweeps.db" },
        { "negative workers", ["run", "sweep.yaml", "--workers", "-1"], ExitCodes.Usage, "--workers must be between 1 and 256, got -1" },
        { "zero workers", ["serve", "--workers", "0"], ExitCodes.Usage, "--workers must be between 1 and 256, got 0" },
        { "bad urls", ["serve", "--urls", "a;b"], ExitCodes.Usage, "--urls 'a' is not an http://host:port address" },
        { "rerun of an unknown job", ["rerun", "ffffffff"], ExitCodes.NotFound, "no finished job 'ffffffff'" },
        { "cancel of an unknown sweep", ["cancel", "nosuch"], ExitCodes.NotFound, "no sweep 'nosuch'" },
        { "unknown job", ["logs", "ffffffff"], ExitCodes.NotFound, "no job 'ffffffff'" },
        { "missing sweep file", ["run", "absent.yaml", "--store", "other/sweeps.db"], ExitCodes.BadInput, "absent.yaml" },
        { "more jobs than the submission limit", ["run", "sweep.yaml", "--max-submission-jobs", "1", "--store", "limit/sweeps.db"], ExitCodes.BadInput, "more than the limit of 1 per submission" },
        { "report of an unknown sweep", ["report", "nosuch"], ExitCodes.NotFound, "no sweep 'nosuch'" },
        { "export of an unknown sweep", ["export", "nosuch"], ExitCodes.NotFound, "no sweep 'nosuch'" },
        { "figures of an unknown sweep", ["figures", "nosuch"], ExitCodes.NotFound, "no sweep 'nosuch'" },
        { "import of a file that is no export", ["import", "garbage.db"], ExitCodes.BadInput, "garbage.db" },
        { "statistics of a missing dataset", ["datasets", "stats", "absent.txt"], ExitCodes.BadInput, "absent.txt" },
        { "train with a malformed --set", ["train", "--dataset", "absent.txt", "--set", "dropout"], ExitCodes.Usage, "--set expects key=value, got 'dropout'" },
        { "submit of a missing file", ["submit", "absent.yaml"], ExitCodes.BadInput, "absent.yaml" },
        { "coordinator with a missing token file", ["coordinator", "--cluster", "redis://127.0.0.1:1", "--token-file", "absent-token"], ExitCodes.BadInput, "absent-token" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_operational_error_is_one_line_with_its_exit_code(string what, string[] args, int code, string message)
    {
        var (exit, output, error) = await CliProcess.RunAsync(ran.Folder.Path, args);
        Assert.True(exit == code, $"{what}: exit {exit}\n{output}\n{error}");
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error + output);
        Assert.True(error.Trim().Split('\n').Length <= 2, $"{what}: more than a line and a hint:\n{error}");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line()
    {
        using var folder = new SweepFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, output, error) = await CliProcess.RunAsync(folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}");
        Assert.True(exit == ExitCodes.Network, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error + output);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        using var folder = new SweepFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "garbage.db"), "not a database at all, but long enough for a header page");
        var (exit, _, error) = await CliProcess.RunAsync(folder.Path, "status", "--store", "garbage.db", "--verbose");
        Assert.Equal(ExitCodes.StoreUnusable, exit);
        Assert.Contains("   at ", error);
    }
}
