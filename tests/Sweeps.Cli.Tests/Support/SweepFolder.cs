namespace Sweeps.Cli.Tests.Support;

/// <summary>A temporary folder with a tiny dataset (data/toy.txt) and sweep files of noop jobs.</summary>
public sealed class SweepFolder : IDisposable
{
    public SweepFolder()
    {
        Path = Directory.CreateTempSubdirectory("sweeps-cli-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "data"));
        File.WriteAllText(System.IO.Path.Combine(Path, "data", "toy.txt"), "1 1 2 3\n2 2 3 4\n");
    }

    public string Path { get; }

    public string StorePath => System.IO.Path.Combine(Path, "results", "sweeps.db");

    /// <summary>A sweep of noop jobs: <paramref name="seeds"/> × maxlen 50/100, each sleeping <paramref name="sleepMs"/> over 4 epochs.</summary>
    public string WriteNoopSweep(string name, int seeds, int sleepMs, string file = "sweep.yaml")
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), $"""
            name: {name}
            datasets: [toy]
            models: [noop]
            seeds: [{string.Join(", ", Enumerable.Range(1, seeds))}]
            grid:
              maxlen: [50, 100]
            fixed:
              epochs: 4
              noop_sleep_ms: {sleepMs}
            """);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
