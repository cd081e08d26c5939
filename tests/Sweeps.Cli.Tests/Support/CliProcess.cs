using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Sweeps.Cli.Tests.Support;

/// <summary>The real `sweeps` executable in a child process, with its output collected as it comes.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private CliProcess(string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        // A shell without job control starts background commands with SIGINT ignored, and an ignored
        // signal stays ignored across exec (`make test &` in a script): env gives the child the default
        // back, so Ctrl-C reaches it as it would at a terminal.
        var start = new ProcessStartInfo("env") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "sweeps.dll"), .. args]) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args, null);

    public static CliProcess Start(string workingDirectory, IDictionary<string, string> environment, params string[] args) =>
        new(workingDirectory, args, environment);

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns exit code and output.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return (await process.WaitAsync(TimeSpan.FromSeconds(180)), process.Output, process.Error);
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        _process.WaitForExit(); // flushes the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"no '{text}' in the output:\n{Output}\n{Error}");
            await Task.Delay(100);
        }
    }

    public void Signal(PosixSignal signal) => PosixSignals.Send(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
