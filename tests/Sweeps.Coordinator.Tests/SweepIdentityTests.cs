using Sweeps.Coordinator.Submission;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>A sweep is its name and its file: another file under a taken name is refused unless it
/// replaces the sweep on purpose, and then the old job list stays in the sweep's history.</summary>
public sealed class SweepIdentityTests
{
    [Fact]
    public async Task A_different_file_under_a_taken_name_is_refused_and_changes_nothing()
    {
        await using var temp = new TempStore();
        var first = Jobs.Grid("sasrec", [50, 100], [1]);
        await temp.Store.SubmitAsync(new SweepSubmission("same", "name: same\n# first", [], first));

        var refused = await Assert.ThrowsAsync<SweepNameTakenException>(() =>
            temp.Store.SubmitAsync(new SweepSubmission("same", "name: same\n# second", [], Jobs.Grid("sasrec", [200], [1]))));

        Assert.Contains("--replace", refused.Message);
        Assert.Equal(first.Select(j => j.Id).Order(), (await temp.Store.ListJobsAsync("same")).Select(j => j.Id).Order());
        Assert.Empty(await temp.Store.ListRevisionsAsync("same"));
    }

    [Fact]
    public async Task Replace_takes_the_name_and_keeps_the_old_job_list_in_history()
    {
        await using var temp = new TempStore();
        var first = Jobs.Grid("sasrec", [50, 100], [1]);
        var second = Jobs.Grid("sasrec", [200], [1]);
        await temp.Store.SubmitAsync(new SweepSubmission("same", "name: same\n# first", [], first));

        var outcome = await temp.Store.SubmitAsync(new SweepSubmission("same", "name: same\n# second", [], second, Replace: true));

        Assert.Equal(1, outcome.ReplacedRevision);
        Assert.Equal(second.Select(j => j.Id), (await temp.Store.ListJobsAsync("same")).Select(j => j.Id));
        var revision = Assert.Single(await temp.Store.ListRevisionsAsync("same"));
        Assert.Equal((1, "name: same\n# first", 2), (revision.Revision, revision.SourceText, revision.JobCount));
    }

    [Fact]
    public async Task The_same_file_again_resumes_without_replace()
    {
        await using var temp = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50], [1, 2]);
        await temp.Store.SubmitAsync(new SweepSubmission("again", "name: again\n", [], jobs));
        var outcome = await temp.Store.SubmitAsync(new SweepSubmission("again", "name: again\r\n", [], jobs));
        Assert.Equal((2, 0, null), (outcome.Total, outcome.Added, outcome.ReplacedRevision));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("../up")]
    [InlineData("has space")]
    [InlineData("-dash-first")]
    [InlineData("")]
    public async Task Unsafe_names_are_refused_before_anything_is_written(string name)
    {
        await using var temp = new TempStore();
        await using var coordinator = new SweepCoordinator(temp.Store, CoordinatorOptions.ForSlots(1));
        var refused = await Assert.ThrowsAsync<SweepRejectedException>(() =>
            coordinator.SubmitAsync(Jobs.Sweep(name, [Jobs.Make()])));
        Assert.Contains("letters, digits", refused.Message);
        Assert.Empty(await temp.Store.ListSweepsAsync());
    }
}
