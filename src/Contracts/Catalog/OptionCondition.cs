using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Catalog;

/// <summary>An option that means something only while another option takes one of some values (e.g.
/// <c>pe_reverse</c> only with a sinusoidal <c>pe</c>). It is left out of every config where the
/// condition fails, so it cannot split one run into several ids, nor enter jobs that ignore it.</summary>
public sealed record OptionCondition(string Key, ImmutableArray<string> Values)
{
    public bool HoldsFor(HyperValue value) => value.IsString && Values.Contains(value.AsString());

    public override string ToString() => $"{Key}: {string.Join(" or ", Values)}";
}
