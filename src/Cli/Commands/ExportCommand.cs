using System.CommandLine;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Exchange;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps export SWEEP --format jsonl|csv [--out FILE]</c>: every job of a sweep with its spec,
/// state, per-seed metrics and timings. JSON Lines is what <c>sweeps import</c> reads back; CSV is for
/// pandas and R.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep to export." };
        var format = new Option<string>("--format") { Description = "jsonl (restorable by `sweeps import`) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--out") { Description = "File to write (replaced whole, atomically); standard output when absent." };
        var store = OrchestrationOptions.Store();
        var command = new Command("export", "Write a sweep's jobs and results as JSON Lines or CSV.") { sweepId, format, output, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var sweepStore = OrchestrationOptions.OpenExisting(parse.GetValue(store)!);
            var id = parse.GetValue(sweepId)!;
            var dump = await sweepStore.LoadDumpAsync(id, cancellationToken);
            if (dump is null)
            {
                Console.Error.WriteLine($"no sweep '{id}' in {sweepStore.Path}");
                return ExitCodes.NotFound;
            }
            Action<TextWriter> write = parse.GetValue(format) == "csv" ? w => CsvExport.Write(dump, w) : w => JsonlExchange.Write(dump, w);
            if (parse.GetValue(output) is not { } path)
            {
                write(Console.Out);
                return 0;
            }
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            await using (var file = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
                write(file);
            File.Move(temporary, path, overwrite: true);
            Console.Error.WriteLine($"{dump.Jobs.Count} jobs ({dump.Jobs.Count(j => j.Result is not null)} with results) → {path}");
            return 0;
        });
        return command;
    }
}
