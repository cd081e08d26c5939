using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Sweeps;
using Sweeps.Torch;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps train</c>: one training run in the foreground. The flags become a one-job sweep,
/// so defaults, validation and the job id are exactly those of <c>sweeps run</c>; rerunning the same
/// command resumes from its checkpoint.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset file (one line per user: user item item …).", Required = true };
        var model = new Option<string>("--model") { Description = "Model id, e.g. fparec, sasrec.", DefaultValueFactory = _ => "fparec" };
        var maxlen = new Option<int?>("--maxlen") { Description = "Window length n." };
        var k = new Option<int?>("--k") { Description = "FPARec rank." };
        var blocks = new Option<int?>("--blocks") { Description = "Number of blocks." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs." };
        var patience = new Option<int?>("--patience") { Description = "Evaluations without improvement before stopping (0: never)." };
        var evalEvery = new Option<int?>("--eval-every") { Description = "Evaluate every N epochs." };
        var set = new Option<string[]>("--set") { Description = "Any other option as key=value (repeatable), e.g. --set dropout=0.2.", AllowMultipleArgumentsPerToken = true };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var checkpoints = new Option<string>("--checkpoints") { Description = "Checkpoint root; the run resumes from <root>/<job id>.", DefaultValueFactory = _ => Path.Combine("results", "checkpoints") };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a table." };
        var command = new Command("train", "Train and evaluate one model on one dataset.")
        {
            dataset, model, maxlen, k, blocks, seed, epochs, patience, evalEvery, set, device, checkpoints, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fixedValues = new List<(string, string)>();
            void Add(string key, int? value) { if (value is int v) fixedValues.Add((key, v.ToString(CultureInfo.InvariantCulture))); }
            Add("maxlen", parse.GetValue(maxlen));
            Add("k", parse.GetValue(k));
            Add("blocks", parse.GetValue(blocks));
            Add("epochs", parse.GetValue(epochs));
            Add("patience", parse.GetValue(patience));
            Add("eval_every", parse.GetValue(evalEvery));
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) { Console.Error.WriteLine($"--set expects key=value, got '{pair}'"); return ExitCodes.Usage; }
                fixedValues.Add((pair[..eq].Trim(), pair[(eq + 1)..].Trim()));
            }

            SweepSpec spec;
            try
            {
                var yaml = OneJobSweep(Path.GetFullPath(parse.GetValue(dataset)!), parse.GetValue(model)!, parse.GetValue(seed), fixedValues);
                var cwd = Directory.GetCurrentDirectory();
                spec = SweepParser.Parse(yaml, "command line", new FileDatasetResolver(cwd, cwd));
            }
            catch (SweepValidationException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Usage;
            }
            var job = GridExpander.Expand(spec).Single();
            var identity = spec.Datasets.Single();
            var locator = new DatasetLocator([]);
            locator.Register(identity);
            var executor = new RecsysTrainingExecutor(locator, Device.Parse(parse.GetValue(device)!));
            var checkpointDir = Path.Combine(parse.GetValue(checkpoints)!, job.Id);

            RunResult result;
            try
            {
                result = parse.GetValue(json)
                    ? await executor.ExecuteAsync(job, new JobExecutionContext(checkpointDir, new Progress<JobProgress>(), 1, "cli"), cancellationToken)
                    : await WithProgressBar(job, p => executor.ExecuteAsync(job, new JobExecutionContext(checkpointDir, p, 1, "cli"), cancellationToken));
            }
            catch (DeterministicJobFailure e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Incomplete;
            }
            catch (TorchException e)
            {
                Console.Error.WriteLine($"libtorch error: {e.Message}");
                return ExitCodes.Incomplete;
            }
            catch (DeviceOutOfMemoryException e)
            {
                Console.Error.WriteLine($"out of memory: {e.Message} (try a smaller batch or maxlen)");
                return ExitCodes.Incomplete;
            }
            Print(job, identity, result, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static string OneJobSweep(string datasetPath, string model, int seed, List<(string Key, string Value)> values)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("name: train");
        yaml.AppendLine($"datasets: [{JsonSerializer.Serialize(datasetPath)}]");
        yaml.AppendLine($"models: [{model}]");
        yaml.AppendLine($"seeds: [{seed}]");
        if (values.Count > 0)
        {
            yaml.AppendLine("fixed:");
            foreach (var (key, value) in values) yaml.AppendLine($"  {key}: {value}");
        }
        return yaml.ToString();
    }

    private static async Task<RunResult> WithProgressBar(JobSpec job, Func<IProgress<JobProgress>, Task<RunResult>> run)
    {
        RunResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var epochs = job.GetInt("epochs", 1);
                var task = context.AddTask($"{job.Model} on {job.Dataset}", maxValue: epochs);
                var progress = new Progress<JobProgress>(p =>
                {
                    task.Value = p.Epoch;
                    var ndcg = p.ValidNdcg10 is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "–";
                    task.Description = $"{job.Model} on {job.Dataset}: epoch {p.Epoch}/{p.TotalEpochs} loss {p.Loss:F4} valid NDCG@10 {ndcg}";
                });
                result = await run(progress);
                task.Value = epochs;
            });
        return result!;
    }

    private static void Print(JobSpec job, DatasetIdentity dataset, RunResult result, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                job_id = job.Id,
                model = job.Model,
                dataset = dataset.Name,
                seed = job.Seed,
                selected_epoch = result.SelectedEpoch,
                valid = result.Valid.Values,
                test = result.Test.Values,
                parameter_count = result.ParameterCount,
                train_seconds = result.TrainSeconds,
                device = result.Device,
                config = JsonDocument.Parse(job.ToCanonicalJson()).RootElement,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var table = new Table().AddColumns("", "HR@10", "NDCG@10", "HR@20", "NDCG@20", "MRR");
        foreach (var (name, metrics) in new[] { ("valid", result.Valid), ("test", result.Test) })
            table.AddRow([name, .. new[] { "hr@10", "ndcg@10", "hr@20", "ndcg@20", "mrr" }.Select(m => metrics[m].ToString("F4", CultureInfo.InvariantCulture))]);
        AnsiConsole.Write(table);
        Console.WriteLine($"{job.Model} on {dataset.Name}, seed {job.Seed}: selected epoch {result.SelectedEpoch}, {result.ParameterCount:N0} parameters, {result.TrainSeconds:F1} s training, job {job.Id[..12]}");
    }
}
