#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>The kinds of table constraint, in the order they are created.</summary>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
enum ConstraintKind
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
