using System.CommandLine;
using Spectre.Console;
using Sweeps.Cluster.Grains;
using Sweeps.Cli.Commands.Cluster;
using Sweeps.Cluster.Hosting;
using Sweeps.Torch;

namespace Sweeps.Cli.Commands;

/// <summary>`sweeps doctor`: is this machine ready to train, and how fast will it be?</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var cluster = new Option<string?>("--cluster") { Description = "Instead, list a cluster's silos (redis://HOST:PORT): roles, devices, slots, jobs held, state." };
        var tls = new TlsCliOptions();
        var command = new Command("doctor", "Check libtorch, BLAS, threads, allocator and GPUs; exit 1 when something required is missing.") { cluster };
        foreach (var option in tls.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => parse.GetValue(cluster) is { } address ? RunClusterAsync(address, parse, tls, cancellationToken) : Task.FromResult(Run()));
        return command;
    }

    private static async Task<int> RunClusterAsync(string address, ParseResult parse, TlsCliOptions tls, CancellationToken cancellationToken)
    {
        SiloReport[] silos;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            silos = await ClusterClient.DescribeAsync(ClusterAddress.Parse(address), tls.Read(parse), timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"cluster {address}: {e.Message}");
            return ExitCodes.Incomplete;
        }
        var table = new Table().AddColumns("silo", "name", "state", "roles", "devices", "slots", "free");
        foreach (var silo in silos)
            table.AddRow(Markup.Escape(silo.Address), Markup.Escape(silo.Name), silo.Status, Markup.Escape(silo.Roles), Markup.Escape(silo.Devices),
                silo.Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
                silo.Roles.Contains("worker", StringComparison.Ordinal) ? Math.Max(0, silo.Slots - silo.Leased).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        AnsiConsole.Write(table);
        return 0;
    }

    private static int Run()
    {
        RuntimeReport report;
        try
        {
            report = RuntimeReport.Collect();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]✗ the libtorch shim could not be loaded:[/] {e.Message}");
            AnsiConsole.MarkupLine("  install: [bold]apt-get install -y libtorch-dev libopenblas0-openmp cmake[/], then [bold]dotnet build[/]");
            return ExitCodes.Incomplete;
        }

        var table = new Table().AddColumns("check", "value");
        table.AddRow("libtorch", Markup.Escape($"{report.TorchVersion} ({report.TorchLibrary})"));
        table.AddRow("BLAS", Markup.Escape(report.BlasLibrary.Length > 0 ? report.BlasLibrary : "(no sgemm symbol found)"));
        table.AddRow("OpenBLAS", Markup.Escape(report.OpenBlasConfig.Length > 0 ? report.OpenBlasConfig : "(not OpenBLAS)"));
        table.AddRow("OPENBLAS_CORETYPE", Markup.Escape(report.OpenBlasCoreType));
        table.AddRow("threads", Markup.Escape($"{report.IntraOpThreads} intra-op (OMP_NUM_THREADS={report.OmpNumThreads}, {Environment.ProcessorCount} cores)"));
        table.AddRow("allocator", Markup.Escape(report.Allocator));
        table.AddRow("CUDA devices", report.CudaDevices.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("cluster", "not needed for one machine (sweeps run embeds one silo); see sweeps doctor --cluster");
        AnsiConsole.Write(table);

        if (report.IsReferenceBlas)
            AnsiConsole.MarkupLine("[red bold]WARNING: libblas.so.3 is the slow reference BLAS (≈6 GFLOP/s). Install OpenBLAS: apt-get install -y libopenblas0-openmp[/]");
        if (report.Allocator == "glibc malloc")
            AnsiConsole.MarkupLine("[yellow]note: glibc malloc returns large blocks to the kernel; training runs faster under tcmalloc (bin/sweeps preloads it).[/]");
        if (report.IntraOpThreads < Environment.ProcessorCount)
            AnsiConsole.MarkupLine($"[yellow]note: {report.IntraOpThreads} thread(s) for {Environment.ProcessorCount} cores.[/]");
        return 0;
    }
}
