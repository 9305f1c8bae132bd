using Flint.Cli.Packaging;

namespace Flint.Cli.Tests;

/// <summary>How <c>--project</c> finds a function's project file, as <c>flint package</c> and <c>flint coldstart</c> resolve it.</summary>
public sealed class FunctionProjectTests
{
    private static string Layout(params string[] projects)
    {
        var root = Fixture.TempDirectory();
        foreach (var project in projects)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, project))!);
            File.WriteAllText(Path.Combine(root, project), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        }

        return root;
    }

    [Fact]
    public void A_folder_with_one_project_is_that_project()
    {
        var root = Layout("Greeter.csproj");

        Assert.Equal(Path.Combine(root, "Greeter.csproj"), FunctionProject.Find(root).File);
    }

    [Fact]
    public void The_root_of_a_template_layout_is_its_one_project_under_src_not_its_tests()
    {
        var root = Layout("src/Greeter/Greeter.csproj", "tests/Greeter.Tests/Greeter.Tests.csproj");

        var project = FunctionProject.Find(root);

        Assert.Equal(Path.Combine(root, "src", "Greeter", "Greeter.csproj"), project.File);
        Assert.Equal("Greeter", project.Name);
    }

    [Fact]
    public void A_root_with_two_projects_under_src_is_refused_with_the_one_to_name()
    {
        var root = Layout("src/Api/Api.csproj", "src/Worker/Worker.csproj");

        var error = Assert.Throws<ArgumentException>(() => FunctionProject.Find(root));

        Assert.Contains("holds 2 projects", error.Message);
        Assert.Contains(Path.Combine("src", "Api", "Api.csproj"), error.Message);
    }

    [Fact]
    public void A_folder_without_any_project_says_where_it_looked()
    {
        var root = Layout("tests/Only.Tests/Only.Tests.csproj");

        var error = Assert.Throws<ArgumentException>(() => FunctionProject.Find(root));

        Assert.Contains($"no .csproj in {root}", error.Message);
    }

    [Fact]
    public void A_missing_path_is_refused()
    {
        var missing = Path.Combine(Fixture.TempDirectory(), "nowhere");

        Assert.Equal($"no project at {missing}", Assert.Throws<ArgumentException>(() => FunctionProject.Find(missing)).Message);
    }
}
