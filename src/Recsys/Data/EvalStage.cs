namespace Sweeps.Recsys.Data;

public enum EvalStage
{
    /// <summary>Target = second-last item; input = the training part.</summary>
    Valid,

    /// <summary>Target = last item; input = the training part plus the validation item.</summary>
    Test,
}
