// reports/figure/figure.hpp: figure_stem makes any name a safe file stem (no '/', no leading '.', never empty), keeps a
// clean name as it is, and keeps apart two names that slug alike (a hash of the original is appended when it changed).
#include "reports/figure/figure.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace irverify;

TEST(Figure, StemIsSafeAndKeepsNamesApart) {
  EXPECT_EQ(figure_stem("SGD-2-seeds-least-squares-n8-p4-s1"), "SGD-2-seeds-least-squares-n8-p4-s1");
  for (const std::string name : {"../../x", "a/b", "a b", ".hidden", "", "x'; touch y; '", "$(rm -rf /)", "\xff\xfe"}) {
    const std::string s = figure_stem(name);
    EXPECT_FALSE(s.empty()) << name;
    EXPECT_NE(s[0], '.') << name;
    EXPECT_EQ(s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"), std::string::npos) << s;
  }
  EXPECT_NE(figure_stem("a/b"), figure_stem("a b"));
  EXPECT_NE(figure_stem("a/b"), figure_stem("a-b"));
  EXPECT_EQ(figure_stem("a/b"), figure_stem("a/b"));
}
