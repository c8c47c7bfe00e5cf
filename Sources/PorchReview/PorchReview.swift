// PorchReview
