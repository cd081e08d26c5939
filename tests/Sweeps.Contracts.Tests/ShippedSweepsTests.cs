using System.Text.RegularExpressions;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>The repository's sweep files and the examples of docs/sweep-format.md parse, expand and
/// have the documented sizes.</summary>
public partial class ShippedSweepsTests
{
    public static TheoryData<string, long> SweepFiles => new()
    {
        { "smoke.yaml", 13 },
        { "paper-table3.yaml", 405 },
        { "paper-table4-ablation.yaml", 162 },
        { "paper-table5-k.yaml", 18 },
        { "paper-table6-blocks.yaml", 9 },
        { "quality-beauty.yaml", 6 },
        { "cpu-table3.yaml", 60 },
        { "cpu-table4-ablation.yaml", 36 },
        { "cpu-table5-k.yaml", 15 },
        { "cpu-table6-blocks.yaml", 9 },
        { "cpu-token-mixing-check.yaml", 18 },
        { "cpu-table4-padding-check.yaml", 21 },
        { "pe-study.yaml", 160 },
        { "pe-study-beauty.yaml", 40 },
        { "pka.yaml", 42 },
        { "awrsr.yaml", 12 },
        { "fig4-fixed-patterns.yaml", 6 },
    };

    private static SweepSpec Load(string file) =>
        SweepParser.ParseFile(SweepText.RepositoryFile("sweeps", file), new NameOnlyDatasetResolver());

    [Theory]
    [MemberData(nameof(SweepFiles))]
    public void A_shipped_sweep_expands_to_its_documented_size(string file, long jobs)
    {
        var spec = Load(file);

        Assert.Equal(jobs, spec.JobCount);
        Assert.Equal(jobs, GridExpander.Expand(spec).Select(j => j.Id).Distinct().LongCount());
    }

    [Fact]
    public void Every_shipped_sweep_is_covered()
    {
        var shipped = Directory.GetFiles(SweepText.RepositoryFile("sweeps"), "*.yaml").Select(Path.GetFileName).Order();

        Assert.Equal(SweepFiles.Select(row => (string)row[0]).Order(), shipped);
    }

    [Fact]
    public void The_format_documents_table_of_shipped_sweeps_lists_each_with_its_size()
    {
        var document = File.ReadAllText(SweepText.RepositoryFile("docs", "sweep-format.md"));
        var listed = ShippedRow().Matches(document).ToDictionary(m => m.Groups["file"].Value, m => long.Parse(m.Groups["jobs"].Value));

        Assert.Equal(SweepFiles.ToDictionary(row => (string)row[0], row => (long)row[1]), listed);
    }

    [GeneratedRegex(@"^\| `sweeps/(?<file>[^`]+)` \|.*\| (?<jobs>\d+) \|$", RegexOptions.Multiline)]
    private static partial Regex ShippedRow();

    [Fact]
    public void The_other_papers_sweeps_share_their_sasrec_baselines_with_the_cpu_table()
    {
        HashSet<string> SasrecBeauty(string file) => GridExpander.Expand(Load(file))
            .Where(j => j.Model == "sasrec" && j.Dataset == "Beauty" && j.GetString("pe", "") == "learned").Select(j => j.Id).ToHashSet();
        var table3 = SasrecBeauty("cpu-table3.yaml");

        Assert.Equal(3, table3.Count);
        Assert.Subset(SasrecBeauty("pe-study.yaml"), table3);
        Assert.Equal(table3, SasrecBeauty("pka.yaml"));
        Assert.Equal(table3, SasrecBeauty("awrsr.yaml"));
    }

    [Fact]
    public void The_beauty_part_of_the_encoding_study_is_the_same_jobs_as_in_the_full_study()
    {
        var full = GridExpander.Expand(Load("pe-study.yaml")).Where(j => j.Dataset == "Beauty").Select(j => j.Id).ToHashSet();
        var beauty = GridExpander.Expand(Load("pe-study-beauty.yaml")).Select(j => j.Id).ToHashSet();

        Assert.Equal(40, beauty.Count);
        Assert.Equal(full, beauty);
    }

    [Fact]
    public void The_paper_tables_share_their_common_runs()
    {
        HashSet<string> Ids(string file) => GridExpander.Expand(Load(file)).Select(j => j.Id).ToHashSet();
        var table3 = Ids("paper-table3.yaml");
        var table4 = Ids("paper-table4-ablation.yaml");
        var table5 = Ids("paper-table5-k.yaml");
        var table6 = Ids("paper-table6-blocks.yaml");

        // FPARec/PARec/SASRec on ML-1m (3 maxlen) and Yelp (3 maxlen × 2 dropout), 3 seeds
        Assert.Equal(3 * (3 + 6) * 3, table3.Intersect(table4).Count());
        // FPARec, ML-1m, n = 500, k = 40, 2 blocks: one config, 3 seeds
        Assert.Equal(3, table3.Intersect(table5).Count());
        Assert.Equal(3, table5.Intersect(table6).Count());
        Assert.Equal(3, table3.Intersect(table6).Count());
    }

    [Fact]
    public void The_cpu_budget_tables_share_their_common_runs()
    {
        HashSet<string> Ids(string file) => GridExpander.Expand(Load(file)).Select(j => j.Id).ToHashSet();
        var table3 = Ids("cpu-table3.yaml");
        var table4 = Ids("cpu-table4-ablation.yaml");
        var table5 = Ids("cpu-table5-k.yaml");
        var table6 = Ids("cpu-table6-blocks.yaml");

        // FPARec, PARec and SASRec on Yelp and Beauty, 3 seeds
        Assert.Equal(3 * 2 * 3, table3.Intersect(table4).Count());
        // FPARec on Beauty at k 20 and 2 blocks: one config, 3 seeds, in Tables 3, 4, 5 and 6
        Assert.Equal(3, table3.Intersect(table5).Count());
        Assert.Equal(3, table3.Intersect(table6).Count());
        Assert.Equal(3, table5.Intersect(table6).Count());
        Assert.Equal(3, table4.Intersect(table5).Count());
        // Table 3, the fixed patterns of Table 4, the other four k and the other two block counts
        Assert.Equal(60 + 18 + 12 + 6, table3.Union(table4).Union(table5).Union(table6).Count());
    }

    [Fact]
    public void The_token_mixing_check_trains_only_what_cpu_table3_has_not()
    {
        var table3 = GridExpander.Expand(Load("cpu-table3.yaml"))
            .Where(j => j.Model == "token_mixing" && j.Dataset is "Beauty" or "Toys_and_Games").Select(j => j.Id).ToHashSet();
        var check = GridExpander.Expand(Load("cpu-token-mixing-check.yaml")).ToList();
        var ids = check.Select(j => j.Id).ToHashSet();

        Assert.Equal(6, table3.Count);
        // Dropout 0.5 with the default two-matrix mixer is cpu-table3's own job.
        Assert.Equal(table3, check.Where(j => j.GetDouble("dropout", 0) == 0.5 && j.GetString("token_mixing", "") == "mlp2").Select(j => j.Id).ToHashSet());
        Assert.Subset(ids, table3);
        // New: dropout 0.2 on both datasets (6), the one-matrix variant on Beauty at both dropouts (6).
        Assert.Equal(12, ids.Except(table3).Count());
        Assert.Equal(6, check.Count(j => j.GetString("token_mixing", "") == "single" && j.Dataset == "Beauty"));
    }

    [Fact]
    public void The_padding_check_trains_only_the_patterns_normalised_over_padding()
    {
        var table4 = GridExpander.Expand(Load("cpu-table4-ablation.yaml"))
            .Where(j => j.Model != "fixed_exponential" && j.Dataset == "Yelp").Select(j => j.Id).ToHashSet();
        var check = GridExpander.Expand(Load("cpu-table4-padding-check.yaml")).ToList();

        // FPARec, PARec, SASRec and the average and linear patterns on Yelp, 3 seeds each
        Assert.Equal(15, table4.Count);
        Assert.Equal(table4, check.Where(j => !j.Parameters.ContainsKey("fixed_include_pad")).Select(j => j.Id).ToHashSet());
        Assert.Equal(6, check.Count(j => j.GetBool("fixed_include_pad", false)));
    }

    [Fact]
    public void The_cpu_budget_tables_use_one_training_budget()
    {
        var jobs = new[] { "cpu-table3.yaml", "cpu-table4-ablation.yaml", "cpu-table5-k.yaml", "cpu-table6-blocks.yaml", "cpu-table4-padding-check.yaml" }
            .SelectMany(file => GridExpander.Expand(Load(file))).ToList();

        Assert.All(jobs, j => Assert.Equal((50L, 0.5, 5L), (j.Parameters["maxlen"].AsInt64(), j.GetDouble("dropout", 0), j.Parameters["eval_every"].AsInt64())));
        Assert.All(jobs.Where(j => j.Model != "sasrec"), j => Assert.Equal((80L, 3L), (j.Parameters["epochs"].AsInt64(), j.Parameters["patience"].AsInt64())));
        Assert.All(jobs.Where(j => j.Model == "sasrec"), j => Assert.Equal((120L, 8L), (j.Parameters["epochs"].AsInt64(), j.Parameters["patience"].AsInt64())));
    }

    [Fact]
    public void Table3_uses_the_ml1m_settings_of_the_reference_scripts()
    {
        var jobs = GridExpander.Expand(Load("paper-table3.yaml")).ToList();

        var movieLens = jobs.Where(j => j.Dataset == "ml-1m").ToList();
        Assert.All(movieLens, j => Assert.Equal((0.2, 801L), (j.GetDouble("dropout", 0), j.Parameters["epochs"].AsInt64())));
        Assert.All(movieLens.Where(j => j.Model == "fparec"), j => Assert.Equal(40, j.GetInt("k", 0)));
        Assert.Equal([50L, 200L, 500L], movieLens.Select(j => j.Parameters["maxlen"].AsInt64()).Distinct().Order());
        var others = jobs.Where(j => j.Dataset != "ml-1m").ToList();
        Assert.All(others, j => Assert.Equal(201, j.GetInt("epochs", 0)));
        Assert.Equal([0.2, 0.5], others.Select(j => j.GetDouble("dropout", 0)).Distinct().Order());
        Assert.Equal(["dropout", "maxlen"], Load("paper-table3.yaml").Tune.Order());
    }

    [Fact]
    public void Every_yaml_example_of_the_format_document_expands_to_its_stated_size()
    {
        var blocks = MarkdownBlocks.Of(File.ReadAllText(SweepText.RepositoryFile("docs", "sweep-format.md")), "yaml");

        Assert.True(blocks.Count >= 4, $"only {blocks.Count} yaml blocks found");
        foreach (var block in blocks)
        {
            var stated = ExpandsTo().Match(block);
            Assert.True(stated.Success, $"a yaml block lacks its '# expands to N jobs' line:\n{block}");
            Assert.Equal(long.Parse(stated.Groups[1].Value), GridExpander.Expand(SweepText.Parse(block)).LongCount());
        }
    }

    [Fact]
    public void The_documented_error_report_is_what_the_parser_says()
    {
        var texts = MarkdownBlocks.Of(File.ReadAllText(SweepText.RepositoryFile("docs", "sweep-format.md")), "text");
        var broken = texts.Single(t => t.StartsWith("name: broken", StringComparison.Ordinal));
        var report = texts[texts.IndexOf(broken) + 1].Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var errors = SweepText.Errors(broken, "broken.yaml").Select(e => e.ToString()).ToList();

        Assert.Equal(report.Length, errors.Count);
        foreach (var (documented, actual) in report.Zip(errors))
            Assert.StartsWith(documented.Split(" (known: …)")[0], actual);
    }

    [GeneratedRegex(@"^# expands to (\d+) jobs", RegexOptions.Multiline)]
    private static partial Regex ExpandsTo();
}
