using Schemata;

namespace Schemata.TestModel;

/// <summary>A soft-deletable entity whose e-mail is unique among live rows only.</summary>
[Table("users")]
[Index(nameof(Email), Unique = true, LiveRowsOnly = true)]
public sealed class User : SoftDeletableEntity
{
    [MaxLength(320)]
    public required string Email { get; set; }

    public string? DisplayName { get; set; }

    public bool IsAdmin { get; set; }
}
