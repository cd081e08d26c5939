using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Models;
using Sweeps.Torch;

namespace Sweeps.Recsys.Inspection;

/// <summary>A trained model rebuilt from its job's spec and the weights its sweep kept. The item count
/// is read from the saved item table, so no dataset is needed.</summary>
public static class KeptModel
{
    private const string ItemTable = "items";

    public static SequentialRecommender Load(JobSpec job, string weightsFile)
    {
        var state = StateFile.Load(weightsFile);
        try
        {
            if (!state.TryGetValue(ItemTable, out var items))
                throw new InvalidDataException($"{Path.GetFileName(weightsFile)} holds no item table; it is not a model's state");
            var model = ModelFactory.Create(ModelOptions.FromJob(job, (int)items.shape[0] - 1));
            model.load_state_dict(state);
            return model;
        }
        finally
        {
            foreach (var tensor in state.Values) tensor.Dispose();
        }
    }
}
