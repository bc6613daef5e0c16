using System;
using Schemata;

namespace Schemata.TestModel;

/// <summary>
/// A table named with a reserved word and columns whose explicit names need quoting (capitals, a double quote, a
/// space): every statement the generator and the runtime build must quote them.
/// </summary>
[Table("user")]
[Index(nameof(Handle), Unique = true, LiveRowsOnly = true)]
[Index(nameof(CamelCase))]
public sealed class ReservedUser : SoftDeletableEntity
{
    [Length(1, 100)]
    [Column("Weird \"Name\"")]
    public required string WeirdName { get; set; }

    [Column("with space")]
    public string? WithSpace { get; set; }

    [Column("CamelCase")]
    public string? CamelCase { get; set; }

    [MaxLength(200)]
    public required string Handle { get; set; }
}

/// <summary>A second reserved table name, with an identity key, a reserved-word column and a quoted foreign key column.</summary>
[Table("order")]
[Index(nameof(UserId))]
public sealed class Order
{
    public long Id { get; set; }

    [ForeignKey(typeof(ReservedUser), OnDelete = ReferentialAction.Cascade)]
    [Column("User Id")]
    public Guid UserId { get; set; }

    [Column("select")]
    public required string Select { get; set; }

    [Column("Total \"Due\"")]
    [Precision(12, 2)]
    public decimal TotalDue { get; set; }
}
