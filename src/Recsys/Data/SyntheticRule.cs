namespace Sweeps.Recsys.Data;

public enum SyntheticRule
{
    /// <summary>Every item drawn uniformly: nothing to learn, a floor for metrics.</summary>
    Random,

    /// <summary>The next item repeats the item two steps back (noise aside). Predicting it needs the
    /// position of the history items, not only their set, so a model that ignores order stays near chance.</summary>
    TwoStepsBack,

    /// <summary>The next item repeats the item four steps back (noise aside), so a history cycles
    /// through four items. A model that sees the history as a set, even with its current item beside
    /// it, is left with three equally likely candidates; one that reads positions knows which.</summary>
    FourStepsBack,
}
