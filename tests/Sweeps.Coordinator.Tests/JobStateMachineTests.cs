using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Tests;

public sealed class JobStateMachineTests
{
    [Theory]
    [InlineData(JobState.Pending, JobState.Queued)]
    [InlineData(JobState.Queued, JobState.Running)]
    [InlineData(JobState.Running, JobState.Succeeded)]
    [InlineData(JobState.Running, JobState.Failed)]
    [InlineData(JobState.Failed, JobState.Pending)]
    [InlineData(JobState.Failed, JobState.DeadLettered)]
    [InlineData(JobState.Running, JobState.Pending)]
    [InlineData(JobState.Pending, JobState.Cancelled)]
    [InlineData(JobState.Cancelled, JobState.Pending)]
    [InlineData(JobState.DeadLettered, JobState.Pending)]
    public void Legal_transitions_are_allowed(JobState from, JobState to)
    {
        Assert.True(JobStateMachine.CanMove(from, to));
        JobStateMachine.EnsureCanMove("j", from, to);
    }

    [Theory]
    [InlineData(JobState.Succeeded, JobState.Pending)]
    [InlineData(JobState.Succeeded, JobState.Running)]
    [InlineData(JobState.DeadLettered, JobState.Running)]
    [InlineData(JobState.Pending, JobState.Running)]
    [InlineData(JobState.Pending, JobState.Succeeded)]
    [InlineData(JobState.Failed, JobState.Succeeded)]
    [InlineData(JobState.Cancelled, JobState.Running)]
    public void Illegal_transitions_throw(JobState from, JobState to)
    {
        Assert.False(JobStateMachine.CanMove(from, to));
        var error = Assert.Throws<IllegalTransitionException>(() => JobStateMachine.EnsureCanMove("j", from, to));
        Assert.Equal((from, to), (error.From, error.To));
    }

    [Fact]
    public void Only_succeeded_dead_lettered_and_cancelled_are_settled()
    {
        var settled = Enum.GetValues<JobState>().Where(JobStateMachine.IsSettled).ToHashSet();
        Assert.Equal(new HashSet<JobState> { JobState.Succeeded, JobState.DeadLettered, JobState.Cancelled }, settled);
    }
}
