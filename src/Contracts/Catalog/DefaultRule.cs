using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Catalog;

/// <summary>What a job gets for an option the sweep leaves unset. <see cref="DependsOn"/> names the
/// options the value is derived from (e.g. ffn_inner follows hidden), so the expander knows whether
/// it can compute the value once per cell or must do it per job.</summary>
public sealed record DefaultRule(ImmutableArray<string> DependsOn, Func<DefaultContext, HyperValue> Compute)
{
    public bool IsDerived => !DependsOn.IsEmpty;
}

/// <summary>What a default may depend on: the dataset's name, the model, and other resolved options.</summary>
public sealed record DefaultContext(string Dataset, ModelDefinition Model, Func<string, HyperValue> Parameter);
