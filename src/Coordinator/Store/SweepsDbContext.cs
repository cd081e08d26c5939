using Microsoft.EntityFrameworkCore;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Store;

/// <summary>The EF Core view of the schema that <see cref="Schema.SchemaMigrations"/> creates. The
/// migrations own the DDL; this model only maps onto it, so the two are checked together by tests.</summary>
public sealed class SweepsDbContext(DbContextOptions<SweepsDbContext> options) : DbContext(options)
{
    public DbSet<SweepRow> Sweeps => Set<SweepRow>();
    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<SweepJobRow> SweepJobs => Set<SweepJobRow>();
    public DbSet<ResultRow> Results => Set<ResultRow>();
    public DbSet<EpochRow> Epochs => Set<EpochRow>();
    public DbSet<SchemaVersionRow> SchemaVersions => Set<SchemaVersionRow>();
    public DbSet<AttemptRow> Attempts => Set<AttemptRow>();
    public DbSet<SweepRevisionRow> SweepRevisions => Set<SweepRevisionRow>();
    public DbSet<SweepRevisionJobRow> SweepRevisionJobs => Set<SweepRevisionJobRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SweepRow>().ToTable("sweeps").HasKey(s => s.Id);
        model.Entity<JobRow>(job =>
        {
            job.ToTable("jobs").HasKey(j => j.Id);
            job.Property(j => j.State).HasConversion<string>();
        });
        model.Entity<SweepJobRow>().ToTable("sweep_jobs").HasKey(l => new { l.SweepId, l.JobId });
        model.Entity<ResultRow>().ToTable("results").HasKey(r => r.JobId);
        model.Entity<EpochRow>().ToTable("epochs").HasKey(e => new { e.JobId, e.Epoch });
        model.Entity<SchemaVersionRow>().ToTable("schema_version").HasKey(v => v.Version);
        model.Entity<AttemptRow>().ToTable("attempts").HasKey(a => new { a.JobId, a.Token });
        model.Entity<SweepRevisionRow>().ToTable("sweep_revisions").HasKey(r => new { r.SweepId, r.Revision });
        model.Entity<SweepRevisionJobRow>().ToTable("sweep_revision_jobs").HasKey(r => new { r.SweepId, r.Revision, r.JobId });
    }
}
