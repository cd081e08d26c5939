using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

public class ValidationTests
{
    [Fact]
    public void Every_error_of_a_file_is_reported_at_once_with_its_position()
    {
        var path = SweepText.Fixture("invalid-many-errors.yaml");
        var exception = Assert.Throws<SweepValidationException>(() => SweepParser.ParseFile(path, new NameOnlyDatasetResolver()));

        Assert.Equal(
        [
            "3:26: unknown model 'fparek'; did you mean 'fparec'? (known: sasrec, sasrec_author, linear_attention, token_mixing, parec, fparec, fparec_ref, fixed_average, fixed_linear, fixed_exponential, pka, awrsr, noop)",
            "4:12: seeds must be integers in [0, 2147483647], got 'two'",
            "5:1: unknown key 'colour' in the sweep file",
            "8:7: k = 200 is larger than maxlen = 50",
            "9:12: grid 'dropout' is empty; give at least one value",
            "10:7: grid 'lr' must be a list of values, got '0.001'",
            "12:11: 'hidden' expects an integer >= 1, got 'fifty'",
            "13:7: 'pe' expects one of learned, none, abs_sinusoidal, rotatory, abs_sinusoidal_concat, learned_concat, rotatory_concat, rmha4, rope, got 'spiral'",
            "14:3: unknown option 'hiden' in 'fixed'; did you mean 'hidden'?",
            "15:8: 'blocks' is tuned but no grid gives it more than one value",
        ], exception.Errors.Select(e => $"{e.Line}:{e.Column}: {e.Message}"));
        Assert.All(exception.Errors, e => Assert.Equal(path, e.File));
        Assert.Equal(string.Join(Environment.NewLine, exception.Errors), exception.ToString());
    }
}
