using System;

namespace Schemata;

/// <summary>
/// Declares a <c>CHECK</c> constraint with a SQL expression over column names:
/// <c>[Check("position &gt;= 0")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class CheckAttribute : Attribute
{
    /// <summary>Requires <paramref name="expression"/> to be true (or NULL) for every row.</summary>
    public CheckAttribute(string expression) => Expression = expression;

    /// <summary>The SQL boolean expression.</summary>
    public string Expression { get; }

    /// <summary>
    /// An explicit constraint name. The default is <c>ck_</c> + table + column on a property and
    /// <c>ck_</c> + table + a hash of the expression on a class.
    /// </summary>
    public string? Name { get; set; }
}
