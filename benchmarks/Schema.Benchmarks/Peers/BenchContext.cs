using Microsoft.EntityFrameworkCore;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Peers;

/// <summary>EF Core's view of the same two tables, mapped to the columns the generated DDL created.</summary>
public sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    public DbSet<ItemWrite> ItemWrites => Set<ItemWrite>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(entity =>
        {
            entity.ToTable("items");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            entity.Property(e => e.Name).HasColumnName("name").HasMaxLength(100);
            entity.Property(e => e.Email).HasColumnName("email").HasMaxLength(320);
            entity.Property(e => e.Quantity).HasColumnName("quantity");
            entity.Property(e => e.Score).HasColumnName("score");
            entity.Property(e => e.Price).HasColumnName("price").HasPrecision(12, 2);
            entity.Property(e => e.IsActive).HasColumnName("is_active");
            entity.Property(e => e.PlacedAt).HasColumnName("placed_at");
            entity.Property(e => e.Reference).HasColumnName("reference");
            entity.Property(e => e.Note).HasColumnName("note");
        });
        modelBuilder.Entity<ItemWrite>(entity =>
        {
            entity.ToTable("item_writes");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            entity.Property(e => e.Name).HasColumnName("name").HasMaxLength(100);
            entity.Property(e => e.Email).HasColumnName("email").HasMaxLength(320);
            entity.Property(e => e.Quantity).HasColumnName("quantity");
            entity.Property(e => e.Score).HasColumnName("score");
            entity.Property(e => e.Price).HasColumnName("price").HasPrecision(12, 2);
            entity.Property(e => e.IsActive).HasColumnName("is_active");
            entity.Property(e => e.PlacedAt).HasColumnName("placed_at");
            entity.Property(e => e.Reference).HasColumnName("reference");
            entity.Property(e => e.Note).HasColumnName("note");
        });
    }
}
