using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sweeps.Cli.Tests;

/// <summary>A private redis-server, a coordinator and workers as real processes on loopback, in a
/// fresh directory; everything it started is stopped by its pid.</summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly Dictionary<Process, StringBuilder> _output = [];
    private readonly int _redisPort = FreePort();

    public ClusterProcesses()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sweeps-cluster-").FullName;
        System.IO.Directory.CreateDirectory(DataDirectory);
        ApiUrl = $"http://127.0.0.1:{FreePort()}";
    }

    public string Directory { get; }
    public string DataDirectory => Path.Combine(Directory, "data");
    public string StorePath => Path.Combine(Directory, "sweeps.db");
    public string ApiUrl { get; }
    public string Cluster => $"redis://127.0.0.1:{_redisPort}";

    /// <summary>Starts redis-server on this cluster's port, again after a kill: without persistence,
    /// so a restarted one is empty, as Redis is after losing its data.</summary>
    public async Task<Process> StartRedisAsync()
    {
        var redis = Start("redis-server", ["--port", _redisPort.ToString(), "--bind", "127.0.0.1", "--dir", Directory, "--save", "", "--appendonly", "no"]);
        await WaitForPortAsync(_redisPort, redis);
        return redis;
    }

    public async Task<Process> StartCoordinatorAsync()
    {
        var apiPort = new Uri(ApiUrl).Port;
        var coordinator = Sweeps(["coordinator", "--cluster", Cluster, "--store", StorePath, "--data", DataDirectory, "--api", ApiUrl, .. SiloArgs()]);
        await WaitForPortAsync(apiPort, coordinator);
        return coordinator;
    }

    /// <param name="withData">False: the worker has no data directory and fetches datasets from the coordinator.</param>
    public Process StartWorker(string name, bool withData = true) =>
        Sweeps(["worker", "--cluster", Cluster, .. withData ? ["--data", DataDirectory] : Array.Empty<string>(), "--cache", CacheOf(name), .. SiloArgs()]);

    /// <summary>The <c>--cache</c> folder of the worker started as <paramref name="name"/>.</summary>
    public string CacheOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs <c>sweeps ARGS</c> to its end.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var process = Sweeps(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, OutputOf(process));
    }

    public string OutputOf(Process process)
    {
        lock (_output[process]) return _output[process].ToString();
    }

    private static string[] SiloArgs() =>
        ["--advertise", "127.0.0.1", "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(), "--fast-failure-detection"];

    private Process Sweeps(string[] args) => Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweeps.dll"), .. args]);

    private Process Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        _output[process] = output;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private async Task WaitForPortAsync(int port, Process owner)
    {
        // Generous: on a busy machine a silo can take tens of seconds to start.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (owner.HasExited) throw new InvalidOperationException($"process exited ({owner.ExitCode}): {OutputOf(owner)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nothing listened on port {port}: {OutputOf(owner)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // Workers and coordinator first, Redis last, each by its own pid.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
