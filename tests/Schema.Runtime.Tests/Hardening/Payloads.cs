using System.Collections.Generic;

namespace Schemata.Tests.Hardening;

/// <summary>Strings that break SQL built by concatenation: quotes, comments, statement ends, placeholders, dollar quotes.</summary>
internal static class Payloads
{
    public static IReadOnlyList<string> All { get; } =
    [
        "'; DROP TABLE \"user\"; --",
        "x' OR '1'='1",
        "\"); DROP TABLE users; --",
        "' UNION SELECT id::text, email, NULL, NULL, NULL, now(), now(), NULL FROM users --",
        "$1",
        "$1; DELETE FROM \"order\"",
        "$$; DROP TABLE \"order\"; $$",
        "\\'; DROP TABLE users; --",
        "E'\\x27'",
        "/* */ SELECT pg_sleep(10) --",
        "'); COMMIT; DROP TABLE \"user\"; BEGIN; --",
        "{0} %s @p0 :name ?",
        "Robert'); DROP TABLE students;--",
        "\u02bc OR 1=1 --",
        "line one\nline two\r\n; DROP TABLE users",
        "\"Weird \"\"Name\"\"\"",
        "' || (SELECT current_setting('server_version')) || '",
    ];
}
