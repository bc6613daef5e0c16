namespace Schemata;

/// <summary>The kinds of table constraint, in the order they are created.</summary>
public enum ConstraintKind
{
    /// <summary><c>PRIMARY KEY</c>.</summary>
    PrimaryKey,

    /// <summary><c>FOREIGN KEY … REFERENCES</c>.</summary>
    ForeignKey,

    /// <summary><c>UNIQUE</c>.</summary>
    Unique,

    /// <summary><c>CHECK</c>.</summary>
    Check,
}
