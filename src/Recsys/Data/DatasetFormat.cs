namespace Sweeps.Recsys.Data;

/// <summary>The input layouts the readers understand. See docs/datasets.md for one example line of each.</summary>
public enum DatasetFormat
{
    /// <summary><c>user item item …</c>, one line per user, items in time order (the FPARec layout).</summary>
    UserSequence,

    /// <summary><c>user item</c>, one line per interaction, in time order (the SASRec layout).</summary>
    UserItem,

    /// <summary>MovieLens-1M <c>ratings.dat</c>: <c>user::item::rating::timestamp</c>.</summary>
    MovieLens,

    /// <summary>Amazon review JSON lines with <c>reviewerID</c>, <c>asin</c>, <c>unixReviewTime</c>.</summary>
    AmazonJson,

    /// <summary>Yelp review JSON lines with <c>user_id</c>, <c>business_id</c>, <c>date</c>.</summary>
    YelpJson,
}
