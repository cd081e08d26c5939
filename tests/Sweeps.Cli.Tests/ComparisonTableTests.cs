using System.Collections.Immutable;
using System.Text.Json;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

public sealed class ComparisonTableTests
{
    /// <summary>Two long dataset names, five models, k and ffn_placement varying, maxlen tuned.</summary>
    private static SweepReport Report()
    {
        var outcomes = new List<JobOutcome>();
        foreach (var dataset in new[] { "Sports_and_Outdoors", "Toys_and_Games" })
            foreach (var (model, ks) in new[] { ("fparec", new[] { 20, 5, 10 }), ("token_mixing", new[] { 20 }), ("sasrec", new[] { 20 }), ("linear_attention", new[] { 20 }) })
                foreach (var k in ks)
                    foreach (var maxlen in new[] { 50, 200 })
                        foreach (var seed in new[] { 1, 2, 3 })
                        {
                            var parameters = new Dictionary<string, HyperValue>
                            {
                                ["k"] = k, ["maxlen"] = maxlen, ["ffn_placement"] = model == "fparec" ? "after_blocks" : "per_block",
                                ["ce_include_pad"] = false, ["dropout"] = 0.5,
                            }.ToImmutableSortedDictionary(StringComparer.Ordinal);
                            var job = new JobSpec(dataset, "hash-" + dataset, model, parameters, seed);
                            var metrics = new MetricSet(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                                [KeyValuePair.Create("hr@10", 0.05 + k / 1000.0), KeyValuePair.Create("ndcg@10", 0.02 + maxlen / 10000.0)]));
                            outcomes.Add(new JobOutcome(job, JobState.Succeeded, metrics, metrics));
                        }
        return SweepAggregator.Aggregate("a-sweep-with-a-rather-long-name", ["maxlen"], outcomes);
    }

    [Fact]
    public void The_end_of_run_table_fits_80_columns_in_paper_order_with_numbers_by_value()
    {
        var lines = ComparisonTable.Render(Report(), wide: false).TrimEnd('\n').Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        var header = lines.Single(l => l.StartsWith("data ", StringComparison.Ordinal));
        Assert.Contains("ffn", header);
        Assert.DoesNotContain("ce_include_pad", header);
        Assert.DoesNotContain("dropout", header);
        var rows = lines.Where(l => l.StartsWith("Sports", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["sasrec", "linear_attention", "token_mixing", "fparec", "fparec", "fparec"],
            rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        var ks = rows.Skip(3).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).ToList();
        Assert.Equal(["5", "10", "20"], ks);
    }

    [Fact]
    public void Wide_keeps_every_name_whole_and_json_has_plain_values()
    {
        var wide = ComparisonTable.Render(Report(), wide: true);
        Assert.Contains("Sports_and_Outdoors", wide);
        Assert.Contains("ffn_placement", wide);
        Assert.Contains(wide.Split('\n'), l => l.Length > 80);

        using var json = JsonDocument.Parse(ComparisonTable.RenderJson(Report()));
        var parameters = json.RootElement.GetProperty("configs")[0].GetProperty("parameters");
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("maxlen").ValueKind);
        Assert.Equal("after_blocks", parameters.GetProperty("ffn_placement").GetString());
    }
}
