// An entity set with one of every mistake the generator reports; DiagnosticTests checks the result against
// Snapshots/Mistakes#diagnostics.verified.txt. Not compiled into the test assembly.
using System;
using Schemata;

namespace Shop;

public enum Mood { Happy }

[DbEnum] public enum Color { Red, [DbEnumValue("red")] Crimson }

[DbEnum("shade")] public enum Shade { Light }

[DbEnum("shade")] public enum Tint { Pale }

[DbEnum(Schema = "")] public enum Size { Small }

[Table]
public class Note
{
    public string? Body { get; set; }
}

[Table("customers")]
public class Customer
{
    public int Id { get; set; }

    public uint Visits { get; set; }

    [MaxLength(10)] public int Age { get; set; }

    [ForeignKey(typeof(Order))] public int? LastOrderId { get; set; }

    public DateTime LastSeen { get; set; }

    public decimal Balance { get; set; }

    public Mood Mood { get; set; }

    public Color Color { get; set; }

    public Size Size { get; set; }

    public Tint Tint { get; set; }
}

[Table("orders")]
public class Order
{
    public int Id { get; set; }

    [ForeignKey(typeof(Customer), OnDelete = ReferentialAction.SetNull)] public int CustomerId { get; set; }

    [ForeignKey(typeof(Receipt))] public int ReceiptId { get; set; }

    [ForeignKey(typeof(Account))] public int AccountId { get; set; }

    [ForeignKey(typeof(Pair))] public int PairId { get; set; }

    [Column(RenamedFrom = "total"), Precision(10, 2)] public decimal Total { get; set; }
}

public class Receipt
{
    public int Id { get; set; }
}

[Table("accounts")]
public class Account
{
    public Guid Id { get; set; }

    public int UserId { get; set; }

    [Column("user_id")] public int Owner { get; set; }

    public int AColumnNameThatIsMuchTooLongForPostgresqlToKeepWithoutCuttingItShort { get; set; }

    [Identity] public Guid Serial { get; set; }

    [Jsonb] public int Flags { get; set; }
}

[Table("accounts")]
public class LegacyAccount
{
    public Guid Id { get; set; }
}

[Table("pairs")]
public class Pair
{
    [Key(Order = 0)] public int A { get; set; }

    [Key(Order = 1)] public int B { get; set; }
}

[Table("members"), SoftDelete, Index(nameof(Email), Unique = true), Index("Nickname")]
public class Member
{
    public long? Id { get; set; }

    public string? Email { get; set; }

    [Length(10, 2)] public string? Name { get; set; }

    [Check("length(code) > 0"), Check("length(code) < 9")] public string? Code { get; set; }

    [CreatedAt] public int Created { get; set; }

    [UpdatedAt] public DateTimeOffset? Updated { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}

[Table("archive"), SoftDelete, Backfill("2026-12-01 archive", "Missing", "now()")]
public class Archive
{
    public int Id { get; set; }
}

public static class DataSteps
{
    [DataStep("2026-12-02 recount")]
    public static int Recount() => 0;
}
