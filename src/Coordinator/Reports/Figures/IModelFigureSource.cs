namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>Figures drawn from a sweep's trained weights (attention maps, position correlations). The
/// coordinator cannot read models itself; the process hosting it supplies them.</summary>
public interface IModelFigureSource
{
    Task<IReadOnlyList<Figure>> FiguresAsync(string sweepId, CancellationToken cancellationToken);
}
