// theory/problem/problem_spec.hpp: problem instances as decimal text. Sizes follow the model (dim of each family,
// features, examples); validate refuses what is structurally wrong, naming the origin; to_json writes the file format.
#include "theory/problem/problem_spec.hpp"

#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(ProblemSpec, StructuralErrorsFromSpecs) {
  ProblemSpec s = generate_problem("least-squares", 1);
  s.partition = {{0, 1, 2}, {2, 3}};
  EXPECT_THROW(validate(s), ProblemError);  // example 2 twice
  s.partition = {{0, 1}};
  EXPECT_THROW(validate(s), ProblemError);  // does not cover all examples
  s = generate_problem("two-layer-tanh", 1);
  s.hidden = 0;
  EXPECT_THROW(validate(s), ProblemError);
  s = generate_problem("quadratic", 1);
  s.terms[0].A[0][1] = "0.123";  // breaks symmetry
  EXPECT_THROW(validate(s), ProblemError);
}

TEST(ProblemSpec, SizesFollowTheModel) {
  ProblemSpec s;
  s.data = {{"1", "2", "3", "4"}, {"5", "6", "7", "8"}};  // 3 features and a label
  s.hidden = 5;
  const std::vector<std::pair<std::string, int>> dims = {{"least-squares", 3}, {"diag-uv", 6}, {"diag-uu-vv", 6},
                                                         {"two-layer-tanh", 5 * 4}, {"two-layer-relu", 5 * 4}};
  for (const auto& [model, dim] : dims) {
    s.model = model;
    EXPECT_EQ(s.dim(), dim) << model;
    EXPECT_EQ(s.features(), 3) << model;
    EXPECT_EQ(s.num_examples(), 2) << model;
  }
  s.model = "linear2";
  s.outputs = 2;  // 2 features, 2 labels
  EXPECT_EQ(s.features(), 2);
  EXPECT_EQ(s.dim(), 5 * (2 + 2));
  EXPECT_TRUE(is_matrix_net("linear2") && is_matrix_net("relu2") && !is_matrix_net("two-layer-relu"));
  EXPECT_EQ(generate_problem("quadratic", 1, {4, 3, 0}).dim(), 3);
  EXPECT_EQ(generate_problem("quadratic", 1, {4, 3, 0}).num_examples(), 4);
  EXPECT_EQ(model_kinds().size(), 9u);
  EXPECT_EQ(user_model_dim("no-such-model", s), -1);
}

TEST(ProblemSpec, ValidateNamesTheOriginAndTheProblem) {
  ProblemSpec s = generate_problem("diag-uv", 1);
  s.origin = "mine.json";
  s.sigma = "-1";
  try {
    validate(s);
    FAIL() << "a negative sigma was accepted";
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()), "mine.json: sigma = -1 is not positive");
  }
  s.sigma = "";
  s.weight_decay = "0.1";  // only linear2 and relu2 take it
  EXPECT_THROW(validate(s), ProblemError);
  s.weight_decay = "";
  s.batch = s.num_examples() + 1;
  s.replacement = false;
  EXPECT_THROW(validate(s), ProblemError);  // more than N without replacement
  s.replacement = true;
  EXPECT_NO_THROW(validate(s));
  s.data_where = {"pts.csv:7"};
  EXPECT_EQ(row_origin(s, 0), "pts.csv:7");
  EXPECT_EQ(row_origin(s, 3), "data[3]");
  ProblemSpec unnamed;
  EXPECT_THROW(problem_error(unnamed, "x"), ProblemError);
  try {
    problem_error(unnamed, "what went wrong");
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()), "problem: what went wrong");
  }
}

TEST(ProblemSpec, ToJsonWritesTheFileFormat) {
  ProblemSpec s = generate_problem("two-layer-tanh", 2);
  s.h0 = "0.25";
  s.partition = {{0, 1, 2}, {3, 4, 5}};
  const nlohmann::json j = s.to_json();
  EXPECT_EQ(j["format"], "irverify-problem-1");
  EXPECT_EQ(j["model"], "two-layer-tanh");
  EXPECT_EQ(j["hidden"], s.hidden);
  EXPECT_EQ(j["theta0"].size(), static_cast<std::size_t>(s.dim()));
  EXPECT_EQ(j["data"], nlohmann::json(s.data));
  EXPECT_EQ(j["h0"], "0.25");
  EXPECT_EQ(j["partition"], nlohmann::json(s.partition));
  EXPECT_EQ(j["seed"], 2);
  EXPECT_FALSE(j.contains("terms"));
  EXPECT_FALSE(j.contains("outputs"));  // only the matrix nets write it
  EXPECT_TRUE(generate_problem("quadratic", 2).to_json().contains("terms"));
}
