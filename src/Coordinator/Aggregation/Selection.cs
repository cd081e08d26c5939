using System.Collections.Immutable;

namespace Sweeps.Coordinator.Aggregation;

/// <summary>The configs that differ only in the tuned dimensions, and the one chosen among them by the
/// validation median. Test metrics play no part in the choice; the table reports the chosen one's.</summary>
/// <param name="Chosen">Null while no candidate is complete.</param>
/// <param name="Provisional">Some candidate is incomplete, so the choice may still change.</param>
public sealed record Selection(ConfigAggregate? Chosen, ImmutableArray<ConfigAggregate> Candidates, bool Provisional)
{
    public string Dataset => Candidates[0].Dataset;
    public string Model => Candidates[0].Model;
}
