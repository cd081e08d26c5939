namespace Sweeps.Contracts.Catalog;

/// <summary>How a hyperparameter's YAML scalar is read. The type decides, not YAML's own tag
/// resolution, so <c>pe: none</c> is the choice "none" and <c>dropout: 0</c> is the real 0.0.</summary>
public enum OptionType
{
    Integer,
    Real,
    Boolean,
    Choice,
    /// <summary>An integer or one of the choices, e.g. <c>eval_users: all | 10000</c>.</summary>
    IntegerOrChoice,
}
