namespace Schemata;

/// <summary>How a <see cref="DbEnumAttribute"/> enum is stored.</summary>
public enum EnumStorage
{
    /// <summary>A native PostgreSQL enum type (<c>CREATE TYPE … AS ENUM</c>).</summary>
    Native = 0,

    /// <summary><c>text</c> with a <c>CHECK</c> listing the allowed values: portable, easy to extend.</summary>
    Text = 1,
}
