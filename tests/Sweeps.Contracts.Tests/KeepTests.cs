using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>The <c>keep</c> key: read into the spec, checked, and never part of a job's id.</summary>
public sealed class KeepTests
{
    private const string Base = """
        name: keep
        datasets: [Beauty]
        models: [sasrec, fparec]
        seeds: [1, 2]
        """;

    [Fact]
    public void Keep_weights_is_read_and_leaves_every_job_id_as_it_was()
    {
        var plain = SweepText.Parse(Base);
        var kept = SweepText.Parse(Base + "\nkeep: [weights]\n");

        Assert.Empty(plain.Keep);
        Assert.Equal(KeptArtifact.Weights, Assert.Single(kept.Keep));
        Assert.Equal(GridExpander.Expand(plain).Select(j => j.Id), GridExpander.Expand(kept).Select(j => j.Id));
    }

    [Fact]
    public void Keeping_anything_else_is_an_error_at_its_position()
    {
        var errors = SweepText.Errors(Base + "\nkeep: [weights, optimiser]\n", "keep.yaml").Select(e => $"{e.Line}:{e.Column}: {e.Message}");

        Assert.Equal(["5:17: 'keep' cannot keep 'optimiser'; it keeps weights"], errors);
    }

    [Fact]
    public void Keep_must_be_a_list_of_names()
    {
        var error = Assert.Single(SweepText.Errors(Base + "\nkeep: {weights: true}\n", "keep.yaml"));

        Assert.Equal(5, error.Line);
        Assert.Contains("'keep' must be a non-empty list of names", error.Message);
    }
}
