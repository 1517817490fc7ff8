// theory/bseries/forest.hpp: the convolution of characters is the composition law, and the convolution of expected
// steps is the mean of the compositions (independent draws).
#include "theory/bseries/forest.hpp"

#include <gtest/gtest.h>

using namespace irverify::bseries;

TEST(ForestMap, ConvolutionOfCharactersIsTheCompositionLaw) {
  TreeTable t(2);
  const Series a = euler(t, 4, {Rational(1), Rational(1, 3)}), b = exact_flow(t, 4);
  EXPECT_TRUE(on_trees(convolve(character(a), character(b))) == compose(a, b));
  EXPECT_TRUE(on_trees(convolve(character(b), character(a))) == compose(b, a));
  EXPECT_EQ(character(a)[Forest{}], 1);
  // Two equally likely Euler steps, drawn independently twice: the mean of the four compositions.
  const Series e0 = euler(t, 3, {Rational(1), Rational(0)}), e1 = euler(t, 3, {Rational(0), Rational(1)});
  ForestMap mean(t, 3);
  for (const Forest& f : mean.forests()) mean[f] = (character(e0)[f] + character(e1)[f]) / 2;
  const Series two = on_trees(convolve(mean, mean));
  for (int id : two.trees())
    EXPECT_EQ(two[id], (compose(e0, e0)[id] + compose(e0, e1)[id] + compose(e1, e0)[id] + compose(e1, e1)[id]) / 4) << t.name(id);
}
