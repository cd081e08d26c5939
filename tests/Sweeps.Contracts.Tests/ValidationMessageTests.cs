using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>One mistake per sweep, each with the exact message and position users will see.</summary>
public class ValidationMessageTests
{
    private const string Head = "name: t\ndatasets: [Beauty]\nmodels: [sasrec, fparec]\n";

    [Theory]
    [InlineData("grid: {k: [60]}\n", "4:12: k = 60 is larger than maxlen = 50")]
    [InlineData("fixed: {maxlen: 10}\n", "4:17: k = 20 is larger than maxlen = 10")]
    [InlineData("fixed: {heads: 3}\n", "4:16: heads = 3 does not divide hidden = 50")]
    [InlineData("fixed: {feature_map: relu}\n",
        "4:9: 'feature_map' applies only to linear_attention; none of the models of this sweep uses it")]
    [InlineData("fixed: {pa_init: zeros}\n", "4:18: pa_init: zeros is not implemented by fparec; models that have it: parec")]
    [InlineData("fixed: {fixed_index: relative}\n",
        "4:9: 'fixed_index' applies only to fixed_linear; none of the models of this sweep uses it")]
    [InlineData("fixed: {out_proj: \"true\"}\n", "4:19: 'out_proj' expects true or false, got the text \"true\"")]
    [InlineData("fixed: {maxlen: 50.0}\n", "4:17: 'maxlen' expects an integer >= 1, got '50.0'")]
    [InlineData("fixed: {lr: -1e-3}\n", "4:13: 'lr' must be > 0, got -0.001")]
    [InlineData("fixed: {maxlen: [50, 100]}\n",
        "4:17: 'maxlen' expects an integer >= 1, got a list; a list of values belongs under 'grid'")]
    [InlineData("grid: {maxlen: [50, 5e1]}\n", "4:21: 'maxlen' expects an integer >= 1, got '5e1'")]
    [InlineData("grid: {dropout: [0.5, 5e-1]}\n", "4:23: grid 'dropout' lists 0.5 twice (first at 4:18)")]
    [InlineData("grid: {dropout: [0.2]}\nfixed: {dropout: 0.5}\n",
        "5:9: 'dropout' is already set under 'grid' at 4:8; set it in one place")]
    [InlineData("training: {lr: 0.1}\n",
        "4:12: 'lr' cannot be set in 'training'; allowed there: epochs, patience, eval_every")]
    [InlineData("seeds: []\n", "4:8: 'seeds' must be a non-empty list of integers, got a list")]
    [InlineData("seeds: [1, 1]\n", "4:12: seed 1 is listed twice")]
    [InlineData("seeds: [-1]\n", "4:9: seeds must be integers in [0, 2147483647], got '-1'")]
    [InlineData("tune: [maxlen]\n", "4:8: 'maxlen' is tuned but no grid gives it more than one value")]
    [InlineData("tune: [maxlne]\n", "4:8: unknown option 'maxlne' in 'tune'; did you mean 'maxlen'?")]
    [InlineData("device: {kind: tpu}\n", "4:16: device kind must be one of any, cpu, cuda, got 'tpu'")]
    [InlineData("device: {slots: 0}\n", "4:17: device slots must be an integer in [1, 1024], got '0'")]
    [InlineData("overrides:\n  - when: {datasets: Yelp}\n    fixed: {dropout: 0.2}\n",
        "5:22: override names dataset 'Yelp', which is not in 'datasets'")]
    [InlineData("overrides:\n  - when: {models: [parec]}\n    fixed: {dropout: 0.2}\n",
        "5:21: override names model 'parec', which is not in 'models'")]
    [InlineData("overrides:\n  - when: {models: [sasrec]}\n    grid: {k: [10]}\n",
        "6:12: 'k' applies only to fparec, fparec_ref; none of the models of this rule uses it")]
    [InlineData("overrides:\n  - fixed: {dropout: 0.2}\n", "5:5: missing required key 'when'")]
    [InlineData("overrides:\n  - when: {}\n    fixed: {dropout: 0.2}\n", "5:11: 'when' must name datasets, models or both")]
    [InlineData("grid: {maxlen: [50]}\ngrid: {blocks: [1]}\n", "5:1: duplicate key 'grid' (first at 4:1)")]
    [InlineData("fixed: !!int {maxlen: 50}\n", "4:8: YAML tags (tag:yaml.org,2002:int) are not allowed in sweep files")]
    [InlineData("fixed: {maxlen: [50}\n", "4:20: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("---\nname: second\n", "4:1: only one YAML document is allowed per sweep file")]
    public void A_single_mistake_gives_its_message(string tail, string expected)
    {
        var error = Assert.Single(SweepText.Errors(Head + tail));

        Assert.Equal(expected, $"{error.Line}:{error.Column}: {error.Message}");
    }

    [Theory]
    [InlineData("", "1:1: the file holds no YAML document")]
    [InlineData("- a\n- b\n", "1:1: the sweep file must be a mapping (key: value), got a list")]
    [InlineData("name: t\ndatasets: [A, A]\nmodels: [sasrec]\n", "2:15: 'A' is listed twice in 'datasets' (first at 2:12)")]
    [InlineData("name: t\ndatasets: [A, x/A.txt]\nmodels: [sasrec]\n", "2:15: dataset 'x/A.txt' has the same name 'A' as 'A' at 2:12")]
    [InlineData("name: t\ndatasets: A\nmodels: [sasrec]\n", "2:11: 'datasets' must be a non-empty list of names, got 'A'")]
    [InlineData("name: t\nmodels: [sasrec]\n", "1:1: missing required key 'datasets'")]
    public void Whole_file_mistakes_give_their_message(string yaml, string expected)
    {
        var error = Assert.Single(SweepText.Errors(yaml));

        Assert.Equal(expected, $"{error.Line}:{error.Column}: {error.Message}");
    }
}
