using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Sweeps.Recsys.Data;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps datasets prepare|stats|generate</c>; the data work itself lives in Sweeps.Recsys.Data.</summary>
public static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "Prepare, inspect and generate sequential-recommendation datasets.");
        command.Subcommands.Add(CreatePrepare());
        command.Subcommands.Add(CreateStats());
        command.Subcommands.Add(CreateGenerate());
        return command;
    }

    private static Option<string?> FormatOption() => new("--format")
    {
        Description = $"Input layout: {string.Join(", ", DatasetFormatNames.All)} (default: detected from the first lines).",
    };

    private static Option<string?> MinDateOption() => new("--min-date")
    {
        Description = "Keep timestamped interactions on or after this date, yyyy-MM-dd (Yelp default: 2019-01-01).",
    };

    private static Option<bool> NoCacheOption() => new("--no-cache")
    {
        Description = "Parse the file even if a cached copy exists, and do not write one.",
    };

    private static Command CreatePrepare()
    {
        var input = new Argument<string>("input") { Description = "Raw or preprocessed interaction file." };
        var output = new Option<string>("--out") { Description = "Output file, layout 'user item item …'.", Required = true };
        var format = FormatOption();
        var kcore = new Option<int>("--kcore") { Description = "Minimum interactions per user and per item.", DefaultValueFactory = _ => 5 };
        var minDate = MinDateOption();
        var noCache = NoCacheOption();
        var command = new Command("prepare", "k-core filter, renumber ids 1..N by first appearance and write one line per user.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(kcore);
        command.Options.Add(minDate);
        command.Options.Add(noCache);
        command.SetAction(parse => Guarded(() =>
        {
            var k = parse.GetValue(kcore);
            if (k < 1)
                throw new UsageException("--kcore must be at least 1");
            var options = new PreparationOptions(ParseFormat(parse.GetValue(format)), k, ParseDate(parse.GetValue(minDate)));
            var outPath = parse.GetValue(output)!;
            var prepared = DatasetPreparation.Prepare(parse.GetValue(input)!, outPath, options, Cache(parse.GetValue(noCache)));
            var stats = DatasetStatistics.Compute(prepared);
            Console.WriteLine($"wrote {outPath}: {stats.Users} users, {stats.Items} items, {stats.Interactions} interactions");
            return 0;
        }));
        return command;
    }

    private static Command CreateStats()
    {
        var files = new Argument<string[]>("files") { Description = "Dataset files.", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption();
        var minDate = MinDateOption();
        var names = new Option<string?>("--names") { Description = "Comma-separated row labels (default: file names without extension)." };
        var json = new Option<bool>("--json") { Description = "Print JSON with exact values instead of the table." };
        var noCache = NoCacheOption();
        var command = new Command("stats", "Print the statistics of FPARec Table 2 (# users, # items, # interactions, avg. length).");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(minDate);
        command.Options.Add(names);
        command.Options.Add(json);
        command.Options.Add(noCache);
        command.SetAction(parse => Guarded(() =>
        {
            var paths = parse.GetValue(files)!;
            var labels = Labels(paths, parse.GetValue(names));
            var loader = new DatasetLoader(Cache(parse.GetValue(noCache)));
            var formatValue = ParseFormat(parse.GetValue(format));
            var readOptions = new DatasetReadOptions(ParseDate(parse.GetValue(minDate)));
            var rows = paths.Select((path, i) => (Label: labels[i], Path: path,
                Stats: DatasetStatistics.Compute(loader.Load(path, formatValue, readOptions)))).ToList();
            if (parse.GetValue(json))
                PrintJson(rows);
            else
                PrintTable(rows);
            return 0;
        }));
        return command;
    }

    private static Command CreateGenerate()
    {
        var output = new Option<string>("--out") { Description = "Output file, layout 'user item item …'.", Required = true };
        var users = new Option<int>("--users") { Description = "Number of users.", DefaultValueFactory = _ => 1000 };
        var items = new Option<int>("--items") { Description = "Number of items (ids 1..items).", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same arguments give the same file.", DefaultValueFactory = _ => 1 };
        var minLength = new Option<int>("--min-len") { Description = "Shortest sequence.", DefaultValueFactory = _ => 5 };
        var maxLength = new Option<int>("--max-len") { Description = "Longest sequence.", DefaultValueFactory = _ => 50 };
        var rule = new Option<string>("--rule") { Description = "two-steps-back or four-steps-back (next item = the item that many steps back) or random.", DefaultValueFactory = _ => "two-steps-back" };
        var noise = new Option<double>("--noise") { Description = "Probability that a steps-back step is random instead.", DefaultValueFactory = _ => 0.1 };
        var command = new Command("generate", "Write a seeded synthetic dataset for tests and smoke sweeps.");
        foreach (var option in new Option[] { output, users, items, seed, minLength, maxLength, rule, noise })
            command.Options.Add(option);
        command.SetAction(parse => Guarded(() =>
        {
            var ruleValue = parse.GetValue(rule) switch
            {
                "two-steps-back" => SyntheticRule.TwoStepsBack,
                "four-steps-back" => SyntheticRule.FourStepsBack,
                "random" => SyntheticRule.Random,
                var other => throw new UsageException($"unknown --rule '{other}'; expected two-steps-back, four-steps-back or random"),
            };
            InteractionDataset dataset;
            try
            {
                dataset = SyntheticDataset.Generate(parse.GetValue(users), parse.GetValue(items), parse.GetValue(minLength),
                    parse.GetValue(maxLength), parse.GetValue(seed), ruleValue, parse.GetValue(noise));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException($"invalid generator setting {e.ParamName}: {e.Message.Split(" (Parameter")[0]}");
            }
            var outPath = parse.GetValue(output)!;
            UserSequenceWriter.Write(dataset, outPath);
            Console.WriteLine($"wrote {outPath}: {dataset.UserCount} users, {dataset.InteractionCount} interactions");
            return 0;
        }));
        return command;
    }

    private static DatasetCache? Cache(bool disabled) => disabled ? null : DatasetCache.Default();

    private static DatasetFormat? ParseFormat(string? name)
    {
        if (name is null)
            return null;
        try
        {
            return DatasetFormatNames.Parse(name);
        }
        catch (DatasetException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (text is null)
            return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--min-date '{text}' is not a date in the form yyyy-MM-dd");
    }

    private static string[] Labels(string[] paths, string? names)
    {
        if (names is null)
            return paths.Select(path => Path.GetFileNameWithoutExtension(path)).ToArray();
        var labels = names.Split(',', StringSplitOptions.TrimEntries);
        return labels.Length == paths.Length
            ? labels
            : throw new UsageException($"--names has {labels.Length} labels for {paths.Length} files");
    }

    private static void PrintTable(IEnumerable<(string Label, string Path, DatasetStatistics Stats)> rows)
    {
        var table = new Table();
        table.AddColumn(new TableColumn(PaperTableFormat.Columns[0]));
        foreach (var column in PaperTableFormat.Columns.Skip(1))
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var (label, _, stats) in rows)
            table.AddRow(PaperTableFormat.Row(label, stats).Select(cell => new Text(cell)).ToArray());
        AnsiConsole.Write(table);
    }

    private static void PrintJson(IEnumerable<(string Label, string Path, DatasetStatistics Stats)> rows)
    {
        var document = rows.Select(r => new
        {
            dataset = r.Label,
            file = r.Path,
            users = r.Stats.Users,
            items = r.Stats.Items,
            interactions = r.Stats.Interactions,
            averageLength = r.Stats.AverageLength,
            sparsity = r.Stats.Sparsity,
        });
        Console.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>User errors become one line on stderr and an exit code; only bugs may show a stack trace.</summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DatasetException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private sealed class UsageException(string message) : Exception(message);
}
