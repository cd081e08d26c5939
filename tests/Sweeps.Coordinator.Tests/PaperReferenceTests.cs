using System.Globalization;
using Sweeps.Coordinator.Reports;

namespace Sweeps.Coordinator.Tests;

/// <summary>The reference file against the paper's tables as printed (copied here from the paper's text,
/// underline marks and all): every row of Tables 2–6 is checked, value by value.</summary>
public sealed class PaperReferenceTests
{
    private static readonly PaperReference Reference = PaperReference.FparecPaper;

    private static readonly Dictionary<string, string> OurNames = new()
    {
        ["ML-1m"] = "ml-1m", ["Beauty"] = "Beauty", ["Sports"] = "Sports_and_Outdoors", ["Toys"] = "Toys_and_Games", ["Yelp"] = "Yelp",
    };

    private const string Table2 = """
        ML-1m	6,040	3,416	1.00M	165.50
        Beauty	22,363	12,101	0.20M	8.88
        Sports	35,598	18,357	0.30M	8.32
        Toys	19,412	11,924	0.17M	8.63
        Yelp	30,431	20,033	0.32M	10.40
        """;

    private const string Table3 = """
        ML-1m	HR@10	<u>0.2346</u>	0.2235	0.2296	0.2255	0.2419
        	NDCG@10	<u>0.1186</u>	0.1089	0.1149	0.1130	0.1232
        Beauty	HR@10	<u>0.0813</u>	0.0785	0.0798	0.0806	0.0821
        	NDCG@10	0.0405	0.0379	0.0398	0.0395	<u>0.0402</u>
        Sports	HR@10	0.0460	0.0462	0.0458	<u>0.0470</u>	0.0478
        	NDCG@10	<u>0.0233</u>	0.0228	0.0235	0.0230	0.0235
        Toys	HR@10	0.0843	0.0847	0.0852	<u>0.0859</u>	0.0861
        	NDCG@10	0.0410	0.0415	<u>0.0416</u>	<u>0.0416</u>	0.0421
        Yelp	HR@10	0.0643	0.0591	0.0632	<u>0.0647</u>	0.0654
        	NDCG@10	<u>0.0369</u>	0.0350	0.0354	0.0368	0.0372
        """;

    private const string Table4 = """
        FPARec	0.2419	0.1232	0.0654	0.0372
        PARec	0.2255	0.1130	0.0647	0.0368
        SASRec	0.2346	0.1186	0.0643	0.0369
        +Average	0.2025	0.0986	0.0560	0.0336
        +Linear Annealing	0.2056	0.0997	0.0567	0.0338
        +Exponential Annealing	0.2386	0.1283	0.0574	0.0337
        """;

    private const string Table5 = """
        k	10	20	30	40	50	60
        HR@10	0.2368	0.2397	0.2404	0.2419	0.2389	0.2412
        NDCG@10	0.1212	0.1220	0.1209	0.1232	0.1212	0.1243
        """;

    private const string Table6 = """
        number of blocks	1	2	3
        HR@10	0.2275	0.2419	0.2500
        NDCG@10	0.1126	0.1232	0.1303
        """;

    [Fact]
    public void Table_2_every_dataset()
    {
        var checkedValues = 0;
        foreach (var f in Rows(Table2))
        {
            var d = OurNames[f[0]];
            Assert.Equal(Count(f[1]), Reference.Find(2, d, "users", "", ""));
            Assert.Equal(Count(f[2]), Reference.Find(2, d, "items", "", ""));
            Assert.Equal(double.Parse(f[3].TrimEnd('M'), CultureInfo.InvariantCulture) * 1e6, Reference.Find(2, d, "interactions", "", "")!.Value, 6);
            Assert.Equal(Number(f[4]), Reference.Find(2, d, "avg_length", "", ""));
            checkedValues += 4;
        }
        Assert.Equal(20, checkedValues);
    }

    [Fact]
    public void Table_3_every_row()
    {
        string[] models = ["sasrec", "linear_attention", "token_mixing", "parec", "fparec"];
        var dataset = "";
        var rows = 0;
        foreach (var f in Rows(Table3))
        {
            if (f[0].Length > 0) dataset = OurNames[f[0]];
            var metric = f[1].ToLowerInvariant();
            for (var m = 0; m < models.Length; m++)
                Assert.Equal(Number(f[2 + m]), Reference.Find(3, dataset, metric, models[m], ""));
            rows++;
        }
        Assert.Equal(10, rows);
    }

    [Fact]
    public void Table_4_every_row()
    {
        string[] models = ["fparec", "parec", "sasrec", "fixed_average", "fixed_linear", "fixed_exponential"];
        var rows = Rows(Table4).ToList();
        Assert.Equal(models.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Number(rows[i][1]), Reference.Find(4, "ml-1m", "hr@10", models[i], ""));
            Assert.Equal(Number(rows[i][2]), Reference.Find(4, "ml-1m", "ndcg@10", models[i], ""));
            Assert.Equal(Number(rows[i][3]), Reference.Find(4, "Yelp", "hr@10", models[i], ""));
            Assert.Equal(Number(rows[i][4]), Reference.Find(4, "Yelp", "ndcg@10", models[i], ""));
        }
    }

    [Theory]
    [InlineData(5, "k", Table5)]
    [InlineData(6, "blocks", Table6)]
    public void Tables_5_and_6_every_row(int table, string key, string printed)
    {
        var rows = Rows(printed).ToList();
        var values = rows[0][1..];
        foreach (var row in rows[1..])
            for (var i = 0; i < values.Length; i++)
                Assert.Equal(Number(row[1 + i]), Reference.Find(table, "ml-1m", row[0].ToLowerInvariant(), "fparec", $"{key}={values[i]}"));
        Assert.Equal(2 * values.Length, Reference.Values.Count(v => v.Table == table));
    }

    [Fact]
    public void The_file_holds_nothing_the_tables_do_not()
    {
        Assert.Equal(20 + 50 + 24 + 12 + 6, Reference.Values.Count());
    }

    private static IEnumerable<string[]> Rows(string printed) =>
        printed.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t').Select(Clean).ToArray());

    private static string Clean(string cell) => cell.Replace("<u>", "").Replace("</u>", "").Trim();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Count(string text) => double.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);
}
