using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>Job ids depend on what a run is, not on how or where a sweep file wrote it.</summary>
public class IdentityTests
{
    private const string Original = """
        name: original
        datasets: [Beauty, Yelp]
        models: [sasrec, fparec]
        grid:
          maxlen: [50, 100]
        seeds: [1, 2]
        """;

    [Fact]
    public void Editing_a_sweep_changes_only_the_ids_of_the_edited_cells()
    {
        var edited = """
            name: edited-and-renamed
            datasets: [Yelp, Beauty]
            models: [fparec, sasrec]
            grid:
              maxlen: [100, 50]
            overrides:
              - when: {datasets: Yelp, models: fparec}
                fixed: {k: 30}
            seeds: [2, 1]
            """;

        var before = SweepText.Expand(Original).ToDictionary(j => j.Id);
        var after = SweepText.Expand(edited).ToDictionary(j => j.Id);

        var changedBefore = before.Values.Where(j => !after.ContainsKey(j.Id)).ToList();
        var changedAfter = after.Values.Where(j => !before.ContainsKey(j.Id)).ToList();
        Assert.Equal(4, changedBefore.Count);
        Assert.All(changedBefore, j => Assert.Equal(("Yelp", "fparec", 20), (j.Dataset, j.Model, j.GetInt("k", 0))));
        Assert.All(changedAfter, j => Assert.Equal(("Yelp", "fparec", 30), (j.Dataset, j.Model, j.GetInt("k", 0))));
        Assert.Equal(12, before.Keys.Intersect(after.Keys).Count());
    }

    [Fact]
    public void Spelling_out_defaults_or_writing_numbers_differently_gives_the_same_ids()
    {
        var spelled = """
            name: spelled
            datasets: [Beauty, Yelp]
            models: [sasrec, fparec]
            grid:
              maxlen: [+50, 100]
            fixed:
              dropout: 5e-1
              lr: 0.0010
              hidden: 50
              pe: 'learned'
              out_proj: False
            training: {epochs: 201, eval_every: 20}
            seeds: [1, 2]
            """;

        Assert.Equal(SweepText.Expand(Original).Select(j => j.Id), SweepText.Expand(spelled).Select(j => j.Id));
    }

    [Fact]
    public void The_id_is_the_sha256_of_the_documented_canonical_json()
    {
        var job = new JobSpec("Beauty", "ab12", "fparec",
            new Dictionary<string, HyperValue> { ["maxlen"] = 50, ["dropout"] = 0.5, ["lr"] = 1e-3, ["k"] = 20, ["pe"] = "learned", ["out_proj"] = false }
                .ToImmutableSortedDictionary(StringComparer.Ordinal),
            3);
        const string canonical = """{"v":1,"dataset":"Beauty","dataset_hash":"ab12","model":"fparec","parameters":{"dropout":0.5,"k":20,"lr":0.001,"maxlen":50,"out_proj":false,"pe":"learned"},"seed":3}""";

        Assert.Equal(canonical, job.ToCanonicalJson());
        Assert.Equal(Sha256(canonical), job.Id);
        Assert.Equal(Sha256(canonical.Replace(""","seed":3""", "")), job.ConfigId);
        Assert.Equal(job.Id, JobSpec.FromCanonicalJson(canonical).Id);
    }

    [Fact]
    public void An_expanded_job_round_trips_through_its_canonical_json()
    {
        var job = SweepText.Expand(Original)[0];

        var copy = JobSpec.FromCanonicalJson(job.ToCanonicalJson());

        Assert.Equal(job.Id, copy.Id);
        Assert.Equal(job.Parameters.Count, copy.Parameters.Count);
        Assert.True(copy.Parameters["dropout"].IsReal);
        Assert.True(copy.Parameters["maxlen"].IsInteger);
    }

    [Fact]
    public void A_different_dataset_hash_gives_a_different_id()
    {
        var job = SweepText.Expand(Original)[0];

        Assert.NotEqual(job.Id, (job with { DatasetHash = new string('0', 64) }).Id);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
