using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Catalog;

/// <summary>A model a sweep may name. A preset (e.g. <c>fparec_ref</c>) is a base model whose
/// <see cref="Preset"/> values replace the defaults; it keeps its own id so its runs stay apart
/// from the base model's in tables, and the worker builds <see cref="BaseModel"/>.</summary>
public sealed record ModelDefinition(
    string Id,
    string BaseModel,
    string Description,
    ImmutableSortedDictionary<string, HyperValue> Preset);
