using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>The values one option takes in one cell and where they came from. A default has no marks;
/// a derived default has no values until a config fixes what it depends on.</summary>
internal sealed record ResolvedOption(
    OptionDefinition Option,
    ImmutableArray<HyperValue> Values,
    ImmutableArray<SourceMark> Marks,
    DefaultRule? DerivedRule)
{
    public bool IsExplicit => !Marks.IsEmpty;

    public static ResolvedOption From(OptionSetting setting) => new(setting.Option, setting.Values, setting.ValueMarks, null);
}
