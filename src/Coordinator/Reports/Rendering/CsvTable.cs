using System.Globalization;
using System.Text;
using Sweeps.Coordinator.Exchange;

namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>Every cell of a table as one CSV row for other tools:
/// <c>dataset,metric,model,config,median,n,std,paper</c>, full precision, empty where there is nothing.</summary>
public static class CsvTable
{
    public const string Header = "dataset,metric,model,config,median,n,std,paper";

    public static string Render(ReportTable table)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var cell in table.Rows.SelectMany(r => r.Cells))
            text.Append(string.Join(',', [CsvCells.Quote(cell.Dataset), CsvCells.Quote(cell.Metric), CsvCells.Quote(cell.Model), CsvCells.Quote(cell.Config),
                Number(cell.Value), cell.Value is null ? "" : cell.N.ToString(CultureInfo.InvariantCulture),
                Number(cell.Std), Number(cell.Paper)])).Append('\n');
        return text.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
