using System.CommandLine;
using Spectre.Console;
using Sweeps.Torch;

namespace Sweeps.Cli.Commands;

/// <summary>`sweeps doctor`: is this machine ready to train, and how fast will it be?</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check libtorch, BLAS, threads, allocator and GPUs; exit 1 when something required is missing.");
        command.SetAction(_ => Run());
        return command;
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
            return 1;
        }

        var table = new Table().AddColumns("check", "value");
        table.AddRow("libtorch", Markup.Escape($"{report.TorchVersion} ({report.TorchLibrary})"));
        table.AddRow("BLAS", Markup.Escape(report.BlasLibrary.Length > 0 ? report.BlasLibrary : "(no sgemm symbol found)"));
        table.AddRow("OpenBLAS", Markup.Escape(report.OpenBlasConfig.Length > 0 ? report.OpenBlasConfig : "(not OpenBLAS)"));
        table.AddRow("OPENBLAS_CORETYPE", Markup.Escape(report.OpenBlasCoreType));
        table.AddRow("threads", Markup.Escape($"{report.IntraOpThreads} intra-op (OMP_NUM_THREADS={report.OmpNumThreads}, {Environment.ProcessorCount} cores)"));
        table.AddRow("allocator", Markup.Escape(report.Allocator));
        table.AddRow("CUDA devices", report.CudaDevices.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("broker", "not needed: one-machine mode (cluster mode is not built yet)");
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
