namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>The FPARec paper draws its attention and correlation matrices with each row divided by its
/// maximum, so every query row's strongest slot reads as 1 whatever the row's scale.</summary>
public static class RowScaling
{
    public static double[,] ByRowMax(double[,] matrix)
    {
        var (rows, columns) = (matrix.GetLength(0), matrix.GetLength(1));
        var scaled = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            var max = 0.0;
            for (var j = 0; j < columns; j++) max = Math.Max(max, matrix[i, j]);
            // A row with nothing positive (a masked query) stays all zero instead of dividing by zero.
            for (var j = 0; j < columns; j++) scaled[i, j] = max > 0 ? matrix[i, j] / max : 0;
        }
        return scaled;
    }
}
