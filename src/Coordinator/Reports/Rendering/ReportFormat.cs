namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>The formats a report is written in, and the file extension of each.</summary>
public enum ReportFormat { Md, Latex, Csv, Html }

public static class ReportRenderer
{
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Latex => "tex",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static string Render(ReportTable table, ReportFormat format, bool withStd) => format switch
    {
        ReportFormat.Md => MarkdownTable.Render(table, withStd),
        ReportFormat.Latex => LatexTable.Render(table, withStd),
        ReportFormat.Csv => CsvTable.Render(table),
        ReportFormat.Html => HtmlTable.Render(table, withStd),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
