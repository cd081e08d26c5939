using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>A whole cluster on this machine for the cluster benchmarks: a private redis-server (from
/// PATH, no persistence) and coordinator and worker processes of this same `sweeps` binary, on
/// loopback ports, in <see cref="Directory"/>. Each process's output goes to <c>NAME.log</c> there.
/// Every process it started is killed by its pid when it is disposed, and when this process exits
/// (a second Ctrl-C), so none outlives the benchmark.</summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>The dataset every benchmark sweep names; noop jobs only hash it.</summary>
    public const string Dataset = "toy";

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);
    private readonly Dictionary<string, Process> _running = [];
    private readonly List<Process> _all = [];
    private readonly List<TextWriter> _logs = [];
    private readonly int _redisPort = FreePort();
    private readonly int _apiPort = FreePort();

    public LocalCluster(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Combine(DataDirectory, Dataset + ".txt"), "1 1 2 3\n2 2 3 4\n");
        AppDomain.CurrentDomain.ProcessExit += KillEverything;
    }

    public string Directory { get; }
    public string DataDirectory => Path.Combine(Directory, "data");
    public string StorePath => Path.Combine(Directory, "sweeps.db");
    public Uri Api => new($"http://127.0.0.1:{_apiPort}");
    private string Membership => $"redis://127.0.0.1:{_redisPort}";

    /// <summary>The worker processes alive now, by name.</summary>
    public IReadOnlyList<string> Workers
    {
        get { lock (_running) return [.. _running.Keys.Where(k => k.StartsWith("worker", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]; }
    }

    public async Task StartRedisAsync(CancellationToken cancellationToken)
    {
        var redis = Start("redis", "redis-server", ["--port", Text(_redisPort), "--bind", "127.0.0.1", "--dir", Directory, "--save", "", "--appendonly", "no"]);
        await WaitForPortAsync(_redisPort, redis, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the coordinator (again, after a kill: same store, same API port, new silo
    /// ports) and returns once its API answers.</summary>
    public async Task StartCoordinatorAsync(CancellationToken cancellationToken)
    {
        var coordinator = Sweeps("coordinator", ["coordinator", "--cluster", Membership, "--store", StorePath, "--data", DataDirectory, "--api", Api.ToString().TrimEnd('/'), .. SiloArguments()]);
        await WaitForPortAsync(_apiPort, coordinator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a worker; with <paramref name="joined"/> returns once it has joined the cluster.</summary>
    public async Task StartWorkerAsync(string name, int slots, bool joined, CancellationToken cancellationToken)
    {
        var joinedLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = Sweeps(name, ["worker", "--cluster", Membership, "--data", DataDirectory, "--cache", Path.Combine(Directory, name),
            "--slots-per-device", Text(slots), .. SiloArguments()], line => { if (line.StartsWith("worker on", StringComparison.Ordinal)) joinedLine.TrySetResult(); });
        if (!joined) return;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(StartPatience);
        await Task.WhenAny(joinedLine.Task, worker.WaitForExitAsync(patience.Token)).ConfigureAwait(false);
        if (!joinedLine.Task.IsCompleted) throw Failed(name, worker);
    }

    /// <summary>SIGKILL: no goodbye, no report, as when a node is lost.</summary>
    public async Task KillAsync(string name)
    {
        Process process;
        lock (_running)
        {
            process = _running[name];
            _running.Remove(name);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    private static string[] SiloArguments() =>
        ["--advertise", "127.0.0.1", "--silo-port", Text(FreePort()), "--gateway-port", Text(FreePort()), "--fast-failure-detection"];

    private Process Sweeps(string name, string[] arguments, Action<string>? onLine = null)
    {
        // The same binary as this one, whether started through `dotnet sweeps.dll` or its own executable.
        var host = Environment.ProcessPath!;
        string[] prefix = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [Assembly.GetEntryAssembly()!.Location] : [];
        return Start(name, host, [.. prefix, .. arguments], onLine);
    }

    private Process Start(string name, string file, string[] arguments, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        // Shared: a restarted process appends to the log its killed predecessor had open.
        var stream = new FileStream(Path.Combine(Directory, name + ".log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var log = TextWriter.Synchronized(new StreamWriter(stream, Encoding.UTF8) { AutoFlush = true });
        void Write(string? line)
        {
            if (line is null) return;
            log.WriteLine(line);
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_running)
        {
            _running[name] = process;
            _all.Add(process);
            _logs.Add(log);
        }
        return process;
    }

    private async Task WaitForPortAsync(int port, Process owner, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            if (owner.HasExited) throw Failed(NameOf(owner), owner);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        throw Failed(NameOf(owner), owner);
    }

    private string NameOf(Process process)
    {
        lock (_running) return _running.FirstOrDefault(p => p.Value == process).Key ?? "a process";
    }

    private InvalidOperationException Failed(string name, Process process) =>
        new($"{name} {(process.HasExited ? $"exited with code {process.ExitCode}" : "did not start in time")}; see {Path.Combine(Directory, name + ".log")}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private void KillEverything(object? sender, EventArgs e)
    {
        List<Process> all;
        lock (_running) all = [.. _all];
        // Workers and coordinator before Redis, each by its own pid.
        foreach (var process in Enumerable.Reverse(all))
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it exited meanwhile */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillEverything;
        KillEverything(null, EventArgs.Empty);
        List<Process> all;
        lock (_running) all = [.. _all];
        foreach (var process in all)
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.WaitForExit(); // the last lines of its output
            process.Dispose();
        }
        foreach (var log in _logs) await log.DisposeAsync().ConfigureAwait(false);
    }
}
