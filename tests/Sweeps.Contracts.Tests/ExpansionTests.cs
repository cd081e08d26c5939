using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

public class ExpansionTests
{
    private static SweepSpec Basic() =>
        SweepParser.ParseFile(SweepText.Fixture("valid-basic.yaml"), new NameOnlyDatasetResolver());

    [Fact]
    public void Count_matches_the_grid_and_the_expanded_jobs()
    {
        var spec = Basic();
        var jobs = GridExpander.Expand(spec).ToList();

        // per dataset: sasrec 2 maxlen + fparec 2 maxlen × 2 k + fixed_linear 2 maxlen = 8 configs; × 2 seeds × 2 datasets
        Assert.Equal(32, GridExpander.Count(spec));
        Assert.Equal(32, jobs.Count);
        Assert.Equal(32, jobs.Select(j => j.Id).Distinct().Count());
        Assert.Equal(16, jobs.Select(j => j.ConfigId).Distinct().Count());
    }

    [Fact]
    public void Model_specific_options_are_dropped_from_other_models()
    {
        var jobs = GridExpander.Expand(Basic()).ToList();

        Assert.All(jobs.Where(j => j.Model != "fparec"), j => Assert.False(j.Parameters.ContainsKey("k")));
        Assert.Equal(4, jobs.Count(j => j.Model == "sasrec" && j.Dataset == "Beauty"));
        Assert.Equal(new long[] { 10, 20 },
            jobs.Where(j => j.Model == "fparec").Select(j => j.Parameters["k"].AsInt64()).Distinct().Order());
        Assert.All(jobs.Where(j => j.Model == "fixed_linear"), j => Assert.Equal("absolute", j.GetString("fixed_index", "")));
        Assert.All(jobs.Where(j => j.Model != "fixed_linear"), j => Assert.False(j.Parameters.ContainsKey("fixed_index")));
    }

    [Fact]
    public void Fixed_index_enters_only_fixed_linear_jobs()
    {
        var jobs = SweepText.Expand("""
            name: patterns
            datasets: [Beauty]
            models: [fixed_average, fixed_linear, fixed_exponential]
            seeds: [1]
            fixed: {fixed_index: relative}
            """).ToList();

        Assert.Equal("relative", Assert.Single(jobs, j => j.Model == "fixed_linear").GetString("fixed_index", ""));
        Assert.All(jobs.Where(j => j.Model != "fixed_linear"), j => Assert.False(j.Parameters.ContainsKey("fixed_index")));
    }

    [Fact]
    public void Sasrec_with_a_k_grid_yields_one_job_per_seed()
    {
        var jobs = SweepText.Expand("""
            name: dedup
            datasets: [Beauty]
            models: [sasrec, fparec]
            grid: {k: [10, 20]}
            seeds: [1, 2, 3]
            """);

        Assert.Equal(3, jobs.Count(j => j.Model == "sasrec"));
        Assert.Equal(6, jobs.Count(j => j.Model == "fparec"));
    }

    [Fact]
    public void Parameters_hold_every_default_and_the_dataset_specific_ones()
    {
        var jobs = GridExpander.Expand(Basic()).ToList();
        var movieLens = jobs.First(j => j.Dataset == "ml-1m" && j.Model == "sasrec");
        var beauty = jobs.First(j => j.Dataset == "Beauty" && j.Model == "sasrec");

        Assert.Equal(0.2, movieLens.Parameters["dropout"].AsDouble());
        Assert.Equal(801, movieLens.Parameters["epochs"].AsInt64());
        Assert.Equal(0.5, beauty.Parameters["dropout"].AsDouble());
        Assert.Equal(201, beauty.Parameters["epochs"].AsInt64());
        Assert.Equal(50, beauty.Parameters["hidden"].AsInt64());
        Assert.Equal(50, beauty.Parameters["ffn_inner"].AsInt64());
        Assert.Equal(2, beauty.Parameters["blocks"].AsInt64());
        Assert.Equal(1, beauty.Parameters["heads"].AsInt64());
        Assert.Equal(0.001, beauty.Parameters["lr"].AsDouble());
        Assert.Equal(128, beauty.Parameters["batch"].AsInt64());
        Assert.Equal(20, beauty.Parameters["eval_every"].AsInt64());
        Assert.Equal("ce_full", beauty.Parameters["loss"].AsString());
        Assert.Equal("all", beauty.Parameters["eval_users"].AsString());
    }

    [Fact]
    public void Presets_replace_the_defaults_but_keep_their_own_model_id()
    {
        var jobs = SweepText.Expand("""
            name: presets
            datasets: [Yelp]
            models: [sasrec_author, fparec_ref]
            seeds: [1]
            """);

        var author = Assert.Single(jobs, j => j.Model == "sasrec_author");
        var replica = Assert.Single(jobs, j => j.Model == "fparec_ref");
        Assert.Equal("bce_1neg", author.GetString("loss", ""));
        Assert.Equal("after_blocks", replica.GetString("ffn_placement", ""));
        Assert.Equal("ref_padding", replica.GetString("padding", ""));
        Assert.True(replica.GetBool("ce_include_pad", false));
        Assert.Equal(20, replica.GetInt("k", 0));
    }

    [Fact]
    public void Override_rules_apply_in_file_order_to_matching_cells_only()
    {
        var jobs = GridExpander.Expand(SweepParser.ParseFile(SweepText.Fixture("paper-like.yaml"), new NameOnlyDatasetResolver())).ToList();

        Assert.Equal(new long[] { 50, 200, 500 },
            jobs.Where(j => j.Dataset == "ml-1m").Select(j => j.Parameters["maxlen"].AsInt64()).Distinct().Order());
        Assert.Equal(new long[] { 50, 100, 200 },
            jobs.Where(j => j.Dataset == "Beauty").Select(j => j.Parameters["maxlen"].AsInt64()).Distinct().Order());
        Assert.All(jobs.Where(j => j.Model == "fparec" && j.Dataset == "ml-1m"), j => Assert.Equal(40, j.GetInt("k", 0)));
        Assert.All(jobs.Where(j => j.Model == "fparec" && j.Dataset == "Beauty"), j => Assert.Equal(20, j.GetInt("k", 0)));
        Assert.Equal(2 * 2 * 3 * 3, jobs.Count);
    }

    [Fact]
    public void A_derived_default_follows_a_gridded_value()
    {
        var jobs = SweepText.Expand("""
            name: derived
            datasets: [Beauty]
            models: [sasrec]
            grid: {hidden: [32, 64]}
            seeds: [1]
            """);

        Assert.All(jobs, j => Assert.Equal(j.Parameters["hidden"], j.Parameters["ffn_inner"]));
        Assert.Equal(2, jobs.Count);
    }

    [Fact]
    public void Jobs_are_ordered_by_dataset_model_grid_then_seed()
    {
        var jobs = SweepText.Expand("""
            name: order
            datasets: [A, B]
            models: [sasrec]
            grid: {maxlen: [20, 10], blocks: [1, 2]}
            seeds: [7, 8]
            """);

        Assert.Equal(16, jobs.Count);
        Assert.Equal(["A", "A", "A", "A", "A", "A", "A", "A"], jobs.Take(8).Select(j => j.Dataset));
        Assert.Equal([7, 8, 7, 8], jobs.Take(4).Select(j => j.Seed));
        // axes in key order (blocks before maxlen), the last fastest, values in file order
        Assert.Equal(["1/20", "1/20", "1/10", "1/10", "2/20"],
            jobs.Take(5).Select(j => $"{j.Parameters["blocks"]}/{j.Parameters["maxlen"]}"));
    }

    [Fact]
    public void Training_and_device_sections_are_read()
    {
        var spec = SweepText.Parse("""
            name: budget
            datasets: [Beauty]
            models: [noop]
            training: {epochs: 3, patience: 2, eval_every: 1}
            device: {kind: cuda, slots: 2}
            seeds: [5]
            """);

        var job = Assert.Single(GridExpander.Expand(spec));
        Assert.Equal(new DeviceRequirement(DeviceKind.Cuda, 2), spec.Device);
        Assert.Equal((3, 2, 1), (job.GetInt("epochs", 0), job.GetInt("patience", 0), job.GetInt("eval_every", 0)));
        Assert.Equal("succeed", job.GetString("noop_outcome", ""));
    }

    [Fact]
    public void Seeds_default_to_one_two_three()
    {
        var jobs = SweepText.Expand("name: s\ndatasets: [Beauty]\nmodels: [parec]\n");

        Assert.Equal([1, 2, 3], jobs.Select(j => j.Seed));
    }
}
