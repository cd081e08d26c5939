using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>Inputs that must be refused outright, whatever else the file says.</summary>
public class RefusalTests
{
    [Fact]
    public void An_alias_bomb_is_refused_at_every_anchor_and_alias()
    {
        var path = SweepText.Fixture("alias-bomb.yaml");
        var exception = Assert.Throws<SweepValidationException>(() => SweepParser.ParseFile(path, new NameOnlyDatasetResolver()));

        Assert.Contains(exception.Errors, e => (e.Line, e.Column, e.Message) == (2, 4, "YAML anchors (&a) are not allowed in sweep files"));
        Assert.Contains(exception.Errors, e => (e.Line, e.Column, e.Message) == (3, 8, "YAML aliases (*a) are not allowed in sweep files"));
        Assert.Equal(3 + 18, exception.Errors.Count);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sweep-too-large-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: big\n# " + new string('x', (int)SweepParser.MaxFileBytes) + "\n");
        try
        {
            var exception = Assert.Throws<SweepValidationException>(() => SweepParser.ParseFile(path, new NameOnlyDatasetResolver()));
            var error = Assert.Single(exception.Errors);
            Assert.Equal((1, 1), (error.Line, error.Column));
            Assert.StartsWith($"the file is {SweepParser.MaxFileBytes + 13} bytes", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error_of_that_file()
    {
        var exception = Assert.Throws<SweepValidationException>(() =>
            SweepParser.ParseFile("no-such-sweep.yaml", new NameOnlyDatasetResolver()));

        Assert.Equal("no-such-sweep.yaml:1:1: no such sweep file", Assert.Single(exception.Errors).ToString());
    }

    [Fact]
    public void A_document_with_too_many_nodes_is_refused()
    {
        var yaml = "name: wide\ndatasets: [A]\nmodels: [noop]\nlong: [" + string.Join(",", Enumerable.Repeat("1", 100_001)) + "]\n";

        var error = Assert.Single(SweepText.Errors(yaml));
        Assert.Equal("the document has more than 100000 nodes", error.Message);
    }

    [Fact]
    public void Nothing_is_expanded_from_a_file_with_an_error()
    {
        var ok = SweepParser.TryParse("name: x\ndatasets: [A]\nmodels: [sasrec]\nfixed: {dropout: 1.5}\n", "x.yaml",
            new NameOnlyDatasetResolver(), out var spec, out var errors);

        Assert.False(ok);
        Assert.Null(spec);
        Assert.Equal("x.yaml:4:18: 'dropout' must be in [0, 1), got 1.5", Assert.Single(errors).ToString());
    }
}
